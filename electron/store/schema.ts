import { z } from 'zod';
import { defaultSettings, settingsSchema } from '../../shared/domain/settings';
import { topologySchema } from '../../shared/domain/topology';

/** Version of the store's shape (not of the app); conf runs migrations up to it. */
export const STORE_VERSION = '1.0.0';

export const storeDataSchema = z
  .object({
    settings: settingsSchema,
    topology: topologySchema.nullable(),
    wizard: z.object({ certificateTaskCompleted: z.boolean() }),
  })
  // conf keeps its own bookkeeping under "__internal__".
  .loose();

export type StoreData = z.infer<typeof storeDataSchema>;
export type StoreKey = 'settings' | 'topology' | 'wizard';

export const storeDefaults: StoreData = {
  settings: defaultSettings,
  topology: null,
  wizard: { certificateTaskCompleted: false },
};

export interface MigrationStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Keyed by STORE_VERSION values, as conf and electron-store expect. */
export const storeMigrations: Record<string, (store: MigrationStore) => void> = {
  '1.0.0': (store) => {
    // Stores written before the wizard state existed start with no completed task.
    if (store.get('wizard') === undefined) store.set('wizard', storeDefaults.wizard);
  },
};
