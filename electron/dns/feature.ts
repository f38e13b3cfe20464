import { defineBackendFeature } from '../core/feature';
import { dnsCommands } from './cli';
import type { DnsService } from './dns-service';
import { dnsHandlers } from './handlers';
import type { DaneRollover } from './rollover';

declare module '../core/context' {
  interface FeatureServices {
    dns: DnsService;
    /** DANE key rollovers: the next key's TLSA record first, the gateway's switch after two TTLs. */
    daneRollover: DaneRollover;
  }
}

export const dnsBackend = defineBackendFeature({
  id: 'dns',
  handlers: dnsHandlers,
  commands: dnsCommands,
  services: {
    dns: async (ctx) => {
      const [{ DnsService }, rollover] = await Promise.all([import('./dns-service'), ctx.service('daneRollover')]);
      // The key the running gateway serves after STARTTLS on its s2s port (bounded), for the TLSA check.
      const servedKey = async () => {
        const gateway = await ctx.service('gateway');
        const target = gateway.target();
        if (!target || (await gateway.state()) !== 'running') return null;
        const { probeXmppServer } = await import('../xmpp/probe');
        const probe = await probeXmppServer({ ...target, starttls: true, timeoutMs: 5000 });
        const spki = probe.tls?.certificate?.spkiSha256;
        return spki ? { spkiSha256: spki, address: `${target.host}:${target.port}` } : null;
      };
      return new DnsService(ctx.store, ctx.dataDir, rollover, servedKey);
    },
    daneRollover: async (ctx) =>
      new (await import('./rollover')).DaneRollover({
        store: ctx.store,
        dataDir: ctx.dataDir,
        // Made when a rollover switches, not with this service: the certificates service itself asks this one for its guard.
        assign: async (id) => (await ctx.service('certificates')).assign(id, { rollover: true }),
        reloadGateway: async () => (await ctx.service('gateway')).reloadIfRunning(),
        log: (message) => ctx.log(message),
        now: ctx.options.now,
      }),
  },
});
