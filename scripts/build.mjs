// Builds everything that runs: the renderer (Vite), the Electron main process and preload, and the CLI.
import { build as viteBuild } from 'vite';
import { build } from 'esbuild';
import { chmod, cp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

await rm('dist', { recursive: true, force: true });
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

// zod's namespace object carries the error messages of fifty languages (over half its size, all
// parsed at start-up); the app uses only English, zod's default, so the CLI bundle keeps that one.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
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
  // Split so each command loads its code only when it runs; the packages are bundled in, since
  // resolving and loading hundreds of package files dominated the start-up time.
  build({
    ...node,
    entryPoints: { edgewiz: 'electron/cli/main.ts' },
    outdir: 'dist/cli',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    packages: undefined,
    // ws's optional native helpers (absent; ws does without them), and the keychain binding, which
    // picks its platform's native module at run time.
    external: ['bufferutil', 'utf-8-validate', '@napi-rs/keyring'],
    plugins: [zodEnglishOnly],
    // The bundled CommonJS packages (forge, ajv) call require for Node's own modules.
    banner: { js: "import { createRequire as __edgewizRequire } from 'node:module'; const require = __edgewizRequire(import.meta.url);" },
  }),
]);
// Prosody loads the partner allow-list module from a file, so it ships beside the bundles.
await cp('electron/partners/prosody', 'dist/partners/prosody', { recursive: true });
await chmod('bin/edgewiz.js', 0o755);
