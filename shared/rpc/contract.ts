import type { z } from 'zod';
import { rpcFeatures, type RpcFeatures } from '../features';

export type { AppStatus, StoreRecovery } from '../app/rpc';

type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (whole: infer I) => void ? I : never;
type Merged<Part extends 'methods' | 'events'> = UnionToIntersection<RpcFeatures[number][Part]>;

/** Every feature's methods (or events) in one object; a name two features claim is a mistake, refused at load. */
function merge<Part extends 'methods' | 'events'>(part: Part): Merged<Part> {
  const merged: Record<string, unknown> = {};
  for (const feature of rpcFeatures) {
    for (const [name, spec] of Object.entries(feature[part])) {
      if (name in merged) throw new Error(`The RPC ${part} name "${name}" is claimed twice (again by the ${feature.id} feature).`);
      merged[name] = spec;
    }
  }
  return merged as Merged<Part>;
}

/**
 * The one RPC contract between the renderer (or any client) and the core, built from every
 * feature's methods and events (shared/features.ts). Every call's arguments are validated
 * against `args` on the server; results are parsed by `result`, so nothing outside the schema
 * (a key, a path the UI has no business with) ever crosses.
 */
export const contract = { methods: merge('methods'), events: merge('events') };

type Contract = typeof contract;
export type MethodName = keyof Contract['methods'] & string;
export type EventName = keyof Contract['events'] & string;
export type MethodArgs<M extends MethodName> = z.input<Contract['methods'][M]['args']>;
type ParsedArgs<M extends MethodName> = z.output<Contract['methods'][M]['args']>;
export type MethodResult<M extends MethodName> = z.output<Contract['methods'][M]['result']>;
export type EventPayload<E extends EventName> = z.output<Contract['events'][E]>;

export type Handlers = {
  [M in MethodName]: (args: ParsedArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>;
};

/** The handlers of one feature's methods, e.g. HandlersFor<typeof certificateMethods>. */
export type HandlersFor<Methods> = Pick<Handlers, keyof Methods & MethodName>;
