import packageJson from '../../package.json' with { type: 'json' };
import type { Settings } from '../../shared/domain/settings';
import type { AppStatus, Handlers } from '../../shared/rpc/contract';
import { createRpcServer, type RpcServer } from '../../shared/rpc/server';
import { AppStore, type BackingFactory } from '../store/app-store';
import { TopologyService } from '../topology/topology-service';
import { wizardSteps } from './wizard-steps';

export const APP_VERSION: string = packageJson.version;

export interface CoreOptions {
  dataDir: string;
  host: AppStatus['host'];
  storeBacking: BackingFactory;
  log?: (message: string) => void;
}

export interface Core {
  readonly dataDir: string;
  readonly store: AppStore;
  readonly server: RpcServer;
}

/** The services behind every front door (Electron IPC, `edgewiz serve`, the CLI, tests). */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? ((message: string) => console.warn(message));
  const store = new AppStore(options.dataDir, options.storeBacking, log);
  const topology = new TopologyService(store);

  const handlers: Handlers = {
    'app.status': () => ({
      version: APP_VERSION,
      dataDir: options.dataDir,
      host: options.host,
      storeRecovery: store.recovery,
    }),
    'settings.get': () => store.get('settings'),
    'settings.update': (patch) => {
      const next: Settings = { ...store.get('settings') };
      if (patch.locale !== undefined) next.locale = patch.locale;
      if (patch.theme !== undefined) next.theme = patch.theme;
      store.set('settings', next);
      server.publish('settings.changed', next);
      return next;
    },
    'topology.get': () => topology.get(),
    'topology.set': ({ topology: input }) => {
      const saved = topology.set(input);
      server.publish('topology.changed', saved);
      return saved;
    },
    'wizard.steps': () => wizardSteps(store),
  };

  const server = createRpcServer(handlers, (error) => log(`Internal error: ${String(error)}`));
  return { dataDir: options.dataDir, store, server };
}
