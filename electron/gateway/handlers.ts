import type { gatewayMethods } from '../../shared/gateway/rpc';
import { DEFAULT_LOG_LINES } from '../../shared/gateway/log-lines';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { FeatureContext } from '../core/context';

/** The gateway service is made on the first gateway call, never with the core. */
export function gatewayHandlers(ctx: FeatureContext): HandlersFor<typeof gatewayMethods> {
  const gateway = () => ctx.service('gateway');
  return {
    'gateway.status': async () => (await gateway()).status(),
    'gateway.start': async () => (await gateway()).start(),
    'gateway.stop': async () => (await gateway()).stop(),
    'gateway.restart': async () => (await gateway()).restart(),
    'gateway.reload': async () => (await gateway()).reload(),
    'gateway.logs': async ({ lines }) => ({ lines: await (await gateway()).logs(lines ?? DEFAULT_LOG_LINES) }),
    'gateway.sessions': async () => ({ sessions: await (await gateway()).sessions() }),
    'gateway.disconnect': async ({ domain }) => ({ domain, closed: await (await gateway()).disconnect(domain) }),
    'gateway.settings.get': async () => (await gateway()).settings(),
    'gateway.settings.set': async (patch) => (await gateway()).updateSettings(patch),
  };
}
