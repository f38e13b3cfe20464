import ElectronStore from 'electron-store';
import type { BackingFactory, StoreBacking } from '../store/app-store';

/** The store inside the desktop app: electron-store, with conf's options and our schema. */
export const electronStoreBacking: BackingFactory = (options) =>
  new ElectronStore<Record<string, unknown>>({
    ...options,
    defaults: options.defaults as unknown as Record<string, unknown>,
    migrations: options.migrations as never,
  }) as unknown as StoreBacking;
