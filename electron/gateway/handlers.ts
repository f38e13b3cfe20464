import type { gatewayMethods } from '../../shared/gateway/rpc';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { GatewayService } from './gateway-service';

/** `gateway` is a getter: the service is created on the first gateway call, never with the core. */
export function gatewayHandlers(gateway: () => GatewayService): HandlersFor<typeof gatewayMethods> {
  return {
    'gateway.status': () => gateway().status(),
    'gateway.start': () => gateway().start(),
    'gateway.stop': () => gateway().stop(),
    'gateway.restart': () => gateway().restart(),
    'gateway.reload': () => gateway().reload(),
    'gateway.logs': async ({ lines }) => ({ lines: await gateway().logs(lines ?? 200) }),
    'gateway.sessions': async () => ({ sessions: await gateway().sessions() }),
    'gateway.disconnect': async ({ domain }) => ({ domain, closed: await gateway().disconnect(domain) }),
    'gateway.settings.get': () => gateway().settings(),
    'gateway.settings.set': (patch) => gateway().updateSettings(patch),
  };
}
