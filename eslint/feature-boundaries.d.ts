import type { ESLint } from 'eslint';

/** Imports across features that were there before the rule: [importer, target] from the repository root. */
export const knownCrossings: [string, string][];

declare const plugin: ESLint.Plugin;
export default plugin;
