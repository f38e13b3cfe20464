import type { AppStatus } from '../../shared/app/rpc';
import type { EventName, EventPayload } from '../../shared/rpc/contract';
import type { RpcServer } from '../../shared/rpc/server';
import type { SecretProvider } from '../certificates/key-vault';
import type { AppStore } from '../store/app-store';

/** What every feature's services get from the core. */
export interface CoreContext {
  readonly dataDir: string;
  /** Where files may be saved through the RPC (serve: the home folder and --save-dir folders); anywhere when absent. */
  readonly saveRoots?: string[];
  readonly store: AppStore;
  log(message: string): void;
  /** Sends an event to every connected client. */
  publish<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

/** What only the desktop shell can do (system dialogs, the file manager). */
export interface DesktopHooks {
  chooseSavePath(defaultPath: string): Promise<string | null>;
  showItemInFolder(path: string): void;
}

/** What the host that runs the core (the app, serve, the CLI, a test) gives it. */
export interface HostOptions {
  readonly host: AppStatus['host'];
  /** Protects private keys at rest; the data dir's custody (OS keychain, else master.key) by default. */
  readonly secrets?: SecretProvider;
  /** The Documents folder as the host knows it (Electron's app.getPath), else found from the environment. */
  readonly documentsDir?: string;
  /** Present in the Electron app only. */
  readonly desktop?: DesktopHooks;
  /** The gateway's partner allow-list module; found beside the build when not given. */
  readonly partnerModule?: string;
  /** The clock renewals and DANE rollovers go by (tests move it instead of waiting). */
  readonly now?: () => Date;
}

/**
 * The services features offer one another, by name. A feature adds its own with
 * `declare module '../core/context'`, next to the factory that makes it, so no list here grows.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FeatureServices {}

/**
 * What one feature tells the others after a change, by name, with its payload. A feature adds
 * the events it emits with `declare module '../core/context'`; listeners run one after another
 * and `emit` resolves when all have finished.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InternalEvents {}

export type ServiceName = keyof FeatureServices & string;
export type InternalEventName = keyof InternalEvents & string;

/** What a feature's handlers, services and listeners get: the core context, the host, the other features' services and events. */
export interface FeatureContext extends CoreContext {
  readonly options: HostOptions;
  /** Another feature's service, made (and its code loaded) on first use, then shared. */
  service<K extends ServiceName>(name: K): Promise<FeatureServices[K]>;
  emit<E extends InternalEventName>(name: E, payload: InternalEvents[E]): Promise<void>;
}

/** The services behind every front door (Electron IPC, `edgewiz serve`, the CLI, tests). */
export interface Core {
  readonly dataDir: string;
  readonly store: AppStore;
  readonly server: RpcServer;
  service<K extends ServiceName>(name: K): Promise<FeatureServices[K]>;
  /** Stops watching what the services watch (the gateway's log and state); services the OS runs keep running. */
  dispose(): Promise<void>;
}
