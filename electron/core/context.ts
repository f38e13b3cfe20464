import type { EventName, EventPayload } from '../../shared/rpc/contract';
import type { AppStore } from '../store/app-store';

/** What every feature's services and handlers get from the core. */
export interface CoreContext {
  readonly dataDir: string;
  readonly store: AppStore;
  log(message: string): void;
  /** Sends an event to every connected client. */
  publish<E extends EventName>(name: E, payload: EventPayload<E>): void;
}
