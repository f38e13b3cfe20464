import type { dnsMethods } from '../../shared/dns/rpc';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { DnsService } from './dns-service';
import { probeFederation } from './federation-probe';
import type { DaneRollover } from './rollover';

export function dnsHandlers(dns: DnsService, rollover: DaneRollover): HandlersFor<typeof dnsMethods> {
  return {
    'dns.records': ({ format, zones }) => dns.records(format, zones),
    'dns.settings.get': () => dns.settings(),
    'dns.settings.set': ({ settings }) => dns.saveSettings(settings),
    'dns.verify': ({ server }) => dns.verify(server),
    'dns.probe': ({ domain, server }) => probeFederation(domain, { server }),
    'dns.rollover': ({ id, server }) => (id ? rollover.stage(id, server) : rollover.advance()),
  };
}
