import { defineBackendFeature } from '../core/feature';
import type { AcmeService } from './acme-service';
import { acmeCommands } from './cli';
import { acmeHandlers } from './handlers';

declare module '../core/context' {
  interface FeatureServices {
    acme: AcmeService;
  }
}

export const acmeBackend = defineBackendFeature({
  id: 'acme',
  handlers: acmeHandlers,
  commands: acmeCommands,
  services: {
    acme: async (ctx) => {
      const [{ AcmeService }, vault, requests, installed, dane] = await Promise.all([
        import('./acme-service'),
        ctx.service('keyVault'),
        ctx.service('certificateRequests'),
        ctx.service('certificates'),
        ctx.service('daneRollover'),
      ]);
      return new AcmeService({
        store: ctx.store,
        vault,
        requests,
        installed,
        log: (message) => ctx.log(message),
        reloadGateway: async () => (await ctx.service('gateway')).reloadIfRunning(),
        dane,
        now: ctx.options.now,
      });
    },
  },
});
