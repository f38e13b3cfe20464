import { defineBackendFeature } from '../core/feature';
import { serveCommands } from './cli';

/** `edgewiz serve`: the UI on loopback; it has no RPC methods of its own. */
export const serveBackend = defineBackendFeature({ id: 'serve', commands: serveCommands });
