import type { Partner } from '../../shared/partners/partner';
import { defineBackendFeature } from '../core/feature';
import { partnerCommands } from './cli';
import { partnerHandlers } from './handlers';
import type { PartnerService } from './partner-service';

declare module '../core/context' {
  interface FeatureServices {
    partners: PartnerService;
  }
  interface InternalEvents {
    /** The partner list changed (after it was saved): the whole new list. */
    'partners.changed': Partner[];
  }
}

export const partnersBackend = defineBackendFeature({
  id: 'partners',
  handlers: partnerHandlers,
  commands: partnerCommands,
  services: {
    partners: async (ctx) => new (await import('./partner-service')).PartnerService(ctx.store),
  },
});
