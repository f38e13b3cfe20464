import { defineBackendFeature } from '../core/feature';
import { topologyCommands } from './cli';
import { TopologyService } from './topology-service';

export const topologyBackend = defineBackendFeature({
  id: 'topology',
  handlers: (ctx) => {
    const topology = new TopologyService(ctx.store);
    return {
      'topology.get': () => topology.get(),
      'topology.set': ({ topology: input }) => {
        const saved = topology.set(input);
        ctx.publish('topology.changed', saved);
        return saved;
      },
    };
  },
  commands: topologyCommands,
});
