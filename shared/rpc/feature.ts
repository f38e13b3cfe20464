import type { z } from 'zod';

/** One RPC method: its arguments, validated on the server, and its result, parsed before it leaves. */
interface MethodSpec {
  readonly args: z.ZodType;
  readonly result: z.ZodType;
}

/** What a migration may do to the stored object (conf and electron-store give the same three calls). */
export interface MigrationStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** One top-level key of the store: its schema and the value a new store starts with. */
export interface StoreSlice<Schema extends z.ZodType = z.ZodType> {
  readonly schema: Schema;
  readonly defaults: z.output<Schema>;
}

/**
 * The part of a feature both sides see: its RPC methods and events, and the store keys it owns
 * with their migrations. Pure data (zod schemas), so the renderer may import it.
 */
export interface RpcFeature {
  readonly id: string;
  readonly methods: Readonly<Record<string, MethodSpec>>;
  readonly events: Readonly<Record<string, z.ZodType>>;
  readonly store?: Readonly<Record<string, StoreSlice>>;
  /** Keyed by the store version that introduced them ("1.3.0"); the store's version is the highest one. */
  readonly migrations?: Readonly<Record<string, (store: MigrationStore) => void>>;
}

/** Keeps the literal types of a feature's methods, events and store, which the contract is built from. */
export function defineRpcFeature<const F extends RpcFeature>(feature: F): F {
  return feature;
}

/** A slice with its schema's type kept (a bare object literal would widen `defaults`). */
export function storeSlice<Schema extends z.ZodType>(schema: Schema, defaults: z.output<Schema>): StoreSlice<Schema> {
  return { schema, defaults };
}
