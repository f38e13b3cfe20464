import type { FeatureId, RpcFeatureOf } from '../../shared/features';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { CliCommand } from '../cli/kit';
import type { FeatureContext, FeatureServices, InternalEventName, InternalEvents, ServiceName } from './context';

type MethodsOf<Id extends string> = Id extends FeatureId ? RpcFeatureOf<Id>['methods'] : Record<never, never>;

/**
 * One feature's backend, as electron/features.ts lists it. Loading it must stay cheap (the CLI
 * reads every feature's commands for --help): services load their code when first asked for,
 * and commands when they run.
 */
export interface BackendFeature<Id extends string = string> {
  readonly id: Id;
  /** Its RPC methods' handlers (exactly the methods of the shared feature with this id). */
  readonly handlers?: (ctx: FeatureContext) => HandlersFor<MethodsOf<Id>>;
  /** Its `edgewiz` commands, in the order the help lists them. */
  readonly commands?: readonly CliCommand[];
  /** The services it offers, each made once per core. */
  readonly services?: { readonly [K in ServiceName]?: (ctx: FeatureContext) => Promise<FeatureServices[K]> };
  /** What it does when another feature emits an event. */
  readonly on?: { readonly [E in InternalEventName]?: (ctx: FeatureContext, payload: InternalEvents[E]) => Promise<void> };
}

/** Checks a backend feature against its shared feature's methods. */
export function defineBackendFeature<const Id extends string>(feature: BackendFeature<Id>): BackendFeature<Id> {
  return feature;
}
