import type { FeatureContext } from '../core/context';
import { defineBackendFeature } from '../core/feature';
import { gatewayCommands } from './cli';
import type { GatewayService } from './gateway-service';
import { gatewayHandlers } from './handlers';

declare module '../core/context' {
  interface FeatureServices {
    /** The gateway service manager: one operation at a time, whoever asks. */
    gateway: GatewayService;
  }
}

/** A partner or trusted-root change reaches the gateway at once (this never throws: the change is saved either way). */
const applyPartners = async (ctx: FeatureContext) => {
  await (await ctx.service('gateway')).applyPartners();
};

export const gatewayBackend = defineBackendFeature({
  id: 'gateway',
  handlers: gatewayHandlers,
  commands: gatewayCommands,
  services: {
    gateway: async (ctx) => {
      const [{ GatewayService }, trust] = await Promise.all([import('./gateway-service'), ctx.service('trust')]);
      return new GatewayService(ctx, {
        live: ctx.options.host !== 'cli',
        trustedRoots: () => trust.bundle(),
        ...(ctx.options.partnerModule ? { partnerModule: ctx.options.partnerModule } : {}),
      });
    },
  },
  on: {
    'partners.changed': applyPartners,
    'trust.changed': applyPartners,
  },
});
