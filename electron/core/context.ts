import type { EventName, EventPayload } from '../../shared/rpc/contract';
import type { AppStore } from '../store/app-store';

/** What every feature's services and handlers get from the core. */
export interface CoreContext {
  readonly dataDir: string;
  /** Where files may be saved through the RPC (serve: the home folder and --save-dir folders); anywhere when absent. */
  readonly saveRoots?: string[];
  readonly store: AppStore;
  log(message: string): void;
  /** Sends an event to every connected client. */
  publish<E extends EventName>(name: E, payload: EventPayload<E>): void;
}
