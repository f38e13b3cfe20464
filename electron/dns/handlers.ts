import type { dnsMethods } from '../../shared/dns/rpc';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { FeatureContext } from '../core/context';

export function dnsHandlers(ctx: FeatureContext): HandlersFor<typeof dnsMethods> {
  const dns = () => ctx.service('dns');
  return {
    'dns.records': async ({ format, zones }) => (await dns()).records(format, zones),
    'dns.settings.get': async () => (await dns()).settings(),
    'dns.settings.set': async ({ settings }) => (await dns()).saveSettings(settings),
    'dns.verify': async ({ server }) => (await dns()).verify(server),
    'dns.probe': async ({ domain, server }) => (await import('./federation-probe')).probeFederation(domain, { server }),
    'dns.rollover': async ({ id, server }) => {
      const rollover = await ctx.service('daneRollover');
      return id ? rollover.stage(id, server) : rollover.advance();
    },
  };
}
