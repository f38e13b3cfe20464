// Builds everything that runs: the renderer (Vite), the Electron main process and preload, and the CLI.
import { build as viteBuild } from 'vite';
import { build } from 'esbuild';
import { chmod, cp, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

await rm('dist', { recursive: true, force: true });
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

// zod's namespace object carries the error messages of fifty languages (over half its size, all
// parsed at start-up); the app uses only English, zod's default, so the CLI bundle keeps that one.
const zodEnglishOnly = {
  name: 'zod-english-only',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === '../locales/index.js' && importer && /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(importer)) {
      return `\0zod-locales:${join(dirname(importer), '../locales/en.js')}`;
    }
  },
  load(id) {
    if (id.startsWith('\0zod-locales:')) return `export { default as en } from ${JSON.stringify(id.slice('\0zod-locales:'.length))};`;
  },
};

const node = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: 'linked', logLevel: 'warning' };
await Promise.all([
  build({ ...node, entryPoints: ['electron/shell/main.ts'], outfile: 'dist/electron/main.js', format: 'esm' }),
  // A sandboxed preload must be a single CommonJS file.
  build({
    ...node,
    entryPoints: ['electron/shell/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    packages: undefined,
    external: ['electron'],
  }),
]);

// The CLI, split so each command loads its code only when it runs, with the packages bundled in,
// since resolving and loading hundreds of package files dominated the start-up time. Every file
// costs its own resolve, read and compile, so the chunks are few: what the entry loads (all that
// --help needs) is one chunk, the schemas with zod, the contract and the store (what any command
// that opens the core needs) another, and each service and package a chunk of its own, loaded
// when first used. The chunks are CommonJS, the one format Node 20 compiles with V8's code cache
// (bin/edgewiz.js runs them through electron/cli/code-cache.ts); import.meta.url becomes the
// chunk's own URL, as it was in an ES module chunk.
// ws's optional native helpers are absent (ws does without them), and the keychain binding picks
// its platform's native module at run time.
const cliExternal = ['bufferutil', 'utf-8-validate', '@napi-rs/keyring'];
// The bundler's helpers and the files that only re-export a lazily imported module from its chunk
// come from no source: each gets an empty source map, so every file names the sources it holds.
const mapEveryChunk = {
  name: 'map-every-chunk',
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || chunk.map) continue;
      const map = { version: 3, file: basename(chunk.fileName), sources: [], names: [], mappings: '' };
      this.emitFile({ type: 'asset', fileName: `${chunk.fileName}.map`, source: JSON.stringify(map) });
    }
  },
};
// What the entry imports statically (the modules every command, --help included, loads), found
// once the module graph is known and before the chunks are made.
const entryModules = new Set();
const findEntryModules = {
  name: 'entry-modules',
  buildEnd() {
    const visit = (id) => {
      if (entryModules.has(id)) return;
      entryModules.add(id);
      for (const imported of this.getModuleInfo(id)?.importedIds ?? []) visit(imported);
    };
    for (const id of this.getModuleIds()) if (this.getModuleInfo(id)?.isEntry) visit(id);
  },
};
await viteBuild({
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  define: { 'import.meta.url': 'require("node:url").pathToFileURL(__filename).href' },
  plugins: [zodEnglishOnly, findEntryModules, mapEveryChunk],
  ssr: { noExternal: true, external: cliExternal },
  build: {
    ssr: true,
    outDir: 'dist/cli',
    minify: true,
    sourcemap: true,
    target: 'node20',
    rolldownOptions: {
      input: { edgewiz: 'electron/cli/main.ts' },
      external: cliExternal,
      // A lazily imported module that sits in a shared chunk loads with that chunk, still only when imported: nothing to warn about.
      checks: { ineffectiveDynamicImport: false },
      output: {
        format: 'cjs',
        // Code compiled from a V8 code cache has no dynamic import() (Node 20 loses its loader there).
        dynamicImportInCjs: false,
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        codeSplitting: {
          groups: [
            {
              name: 'cli',
              priority: 2,
              test: (id) => entryModules.has(id) && !/[\\/]electron[\\/]cli[\\/]main\.ts$/.test(id),
            },
            {
              name: 'core',
              priority: 1,
              // conf (and its JSON schema validator) stays out: it loads only for a new, older or damaged settings file.
              test: (id) =>
                !/[\\/]conf-backing\.ts$/.test(id) && /[\\/](shared|electron[\\/](core|store|files)|node_modules[\\/]zod)[\\/]/.test(id),
            },
          ],
        },
      },
    },
  },
});
await Promise.all([
  writeFile('dist/cli/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`),
  build({ ...node, entryPoints: ['electron/cli/code-cache.ts'], outfile: 'dist/cli/code-cache.js', format: 'cjs' }),
]);
// Prosody loads the partner allow-list module from a file, so it ships beside the bundles.
await cp('electron/partners/prosody', 'dist/partners/prosody', { recursive: true });
await chmod('bin/edgewiz.js', 0o755);
