import type { TrustedRoot } from '../../shared/trust/rpc';
import { defineBackendFeature } from '../core/feature';
import { trustCommands } from './cli';
import { trustHandlers } from './handlers';
import type { TrustService } from './trust-service';

declare module '../core/context' {
  interface FeatureServices {
    /** The admin's trusted private roots: anchors for imported chains and partners' certificates. */
    trust: TrustService;
  }
  interface InternalEvents {
    /** The trusted private roots changed (after they were saved). */
    'trust.changed': TrustedRoot[];
  }
}

export const trustBackend = defineBackendFeature({
  id: 'trust',
  handlers: trustHandlers,
  commands: trustCommands,
  services: {
    trust: async (ctx) => new (await import('./trust-service')).TrustService(ctx.dataDir),
  },
});
