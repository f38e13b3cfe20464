import { z } from 'zod';
import { rpcFeatures, type RpcFeatures } from '../../shared/features';
import type { MigrationStore, RpcFeature } from '../../shared/rpc/feature';

export type { MigrationStore } from '../../shared/rpc/feature';

type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (whole: infer I) => void ? I : never;
type Slices = UnionToIntersection<Extract<RpcFeatures[number], { store: object }>['store']>;

export type StoreKey = keyof Slices & string;
export type StoreData = { [K in StoreKey]: z.output<Slices[K]['schema']> };

const slices: Record<string, { schema: z.ZodType; defaults: unknown }> = {};
const migrations: Record<string, ((store: MigrationStore) => void)[]> = {};
for (const feature of rpcFeatures as readonly RpcFeature[]) {
  for (const [key, slice] of Object.entries(feature.store ?? {})) {
    if (key in slices) throw new Error(`The store key "${key}" is claimed twice (again by the ${feature.id} feature).`);
    slices[key] = slice;
  }
  for (const [version, migrate] of Object.entries(feature.migrations ?? {})) (migrations[version] ??= []).push(migrate);
}

const versionParts = (version: string) => version.split('.').map(Number);
const newer = (a: string, b: string) => {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
};

/** Version of the store's shape (not of the app): the newest migration any feature brings; conf runs them up to it. */
export const STORE_VERSION = Object.keys(migrations).reduce((latest, version) => (newer(version, latest) ? version : latest), '1.0.0');

/** Every feature's keys; new keys need no migration, since conf fills them from the defaults. */
export const storeDataSchema = z
  .object(Object.fromEntries(Object.entries(slices).map(([key, slice]) => [key, slice.schema])))
  // conf keeps its own bookkeeping under "__internal__".
  .loose() as unknown as z.ZodObject<{ [K in StoreKey]: Slices[K]['schema'] }>;

export const storeDefaults = Object.fromEntries(Object.entries(slices).map(([key, slice]) => [key, slice.defaults])) as StoreData;

/** Keyed by STORE_VERSION values, as conf and electron-store expect; one version's steps run in the features' order. */
export const storeMigrations: Record<string, (store: MigrationStore) => void> = Object.fromEntries(
  Object.entries(migrations).map(([version, steps]) => [version, (store: MigrationStore) => steps.forEach((step) => step(store))]),
);
