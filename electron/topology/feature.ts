import { defineBackendFeature } from '../core/feature';
import { topologyCommands } from './cli';
import type { TopologyService } from './topology-service';

declare module '../core/context' {
  interface FeatureServices {
    topology: TopologyService;
  }
}

export const topologyBackend = defineBackendFeature({
  id: 'topology',
  handlers: (ctx) => ({
    'topology.get': async () => (await ctx.service('topology')).get(),
    'topology.set': async ({ topology: input }) => {
      const saved = (await ctx.service('topology')).set(input);
      ctx.publish('topology.changed', saved);
      return saved;
    },
  }),
  commands: topologyCommands,
  services: {
    topology: async (ctx) => new (await import('./topology-service')).TopologyService(ctx.store),
  },
});
