import Conf from 'conf';
import type { BackingFactory, StoreBacking } from './app-store';

/** The store in plain Node (CLI, serve, tests): conf, the library under electron-store. */
export const confBacking: BackingFactory = (options) =>
  new Conf<Record<string, unknown>>({
    ...options,
    projectName: 'edge-wizard',
    defaults: options.defaults as unknown as Record<string, unknown>,
    migrations: options.migrations as never,
  }) as unknown as StoreBacking;
