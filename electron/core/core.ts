import type { Handlers } from '../../shared/rpc/contract';
import { createRpcServer } from '../../shared/rpc/server';
import { backendFeatures } from '../features';
import { AppStore, type BackingFactory } from '../store/app-store';
import type { Core, FeatureContext, FeatureServices, HostOptions, InternalEventName, InternalEvents, ServiceName } from './context';
import type { BackendFeature } from './feature';
import { errorMessage } from '../../shared/errors';

export type { Core, DesktopHooks } from './context';

export interface CoreOptions extends HostOptions {
  dataDir: string;
  storeBacking: BackingFactory;
  log?: (message: string) => void;
  /** Folders files may be saved in through the RPC; `serve` sets them, since a browser page drives it. */
  saveRoots?: string[];
}

type ServiceFactory = (ctx: FeatureContext) => Promise<unknown>;
type Listener = (ctx: FeatureContext, payload: unknown) => Promise<void>;

/** The services behind every front door (Electron IPC, `edgewiz serve`, the CLI, tests), built from the feature list. */
export function createCore(options: CoreOptions, features: readonly BackendFeature[] = backendFeatures): Core {
  const log = options.log ?? ((message: string) => console.warn(message));
  const store = new AppStore(options.dataDir, options.storeBacking, log);
  const { dataDir, saveRoots } = options;

  const factories = new Map<string, ServiceFactory>();
  const listeners = new Map<string, Listener[]>();
  for (const feature of features) {
    for (const [name, factory] of Object.entries(feature.services ?? {})) {
      if (factories.has(name)) throw new Error(`The service "${name}" is offered twice (again by the ${feature.id} feature).`);
      factories.set(name, factory as ServiceFactory);
    }
    for (const [name, listener] of Object.entries(feature.on ?? {})) {
      listeners.set(name, [...(listeners.get(name) ?? []), listener as Listener]);
    }
  }

  const made = new Map<string, Promise<unknown>>();
  function service<K extends ServiceName>(name: K): Promise<FeatureServices[K]> {
    let pending = made.get(name);
    if (!pending) {
      const factory = factories.get(name);
      if (!factory) return Promise.reject(new Error(`No feature offers the service "${name}".`));
      pending = factory(ctx);
      made.set(name, pending);
      // A service that failed to load is tried again on the next call.
      pending.catch(() => made.delete(name));
    }
    return pending as Promise<FeatureServices[K]>;
  }

  async function emit<E extends InternalEventName>(name: E, payload: InternalEvents[E]): Promise<void> {
    for (const listener of listeners.get(name) ?? []) {
      try {
        await listener(ctx, payload);
      } catch (error) {
        log(`After ${name}: ${errorMessage(error)}`);
      }
    }
  }

  const ctx: FeatureContext = {
    dataDir,
    saveRoots,
    store,
    log,
    options,
    publish: (name, payload) => server.publish(name, payload),
    service,
    emit,
  };

  const handlers: Record<string, unknown> = {};
  for (const feature of features) {
    for (const [method, handler] of Object.entries(feature.handlers?.(ctx) ?? {})) {
      if (method in handlers) throw new Error(`The RPC method "${method}" is handled twice (again by the ${feature.id} feature).`);
      handlers[method] = handler;
    }
  }

  // The CLI prints a failed call's reason itself, once; the long-running hosts log it.
  const server = createRpcServer(
    handlers as Handlers,
    options.host === 'cli' ? undefined : (error) => log(`Unexpected error: ${errorMessage(error)}`),
  );

  return {
    dataDir,
    store,
    server,
    service,
    async dispose() {
      const services = await Promise.allSettled(made.values());
      for (const outcome of services) {
        const value = outcome.status === 'fulfilled' ? (outcome.value as { dispose?: () => void }) : undefined;
        value?.dispose?.();
      }
    },
  };
}
