// Builds everything that runs: the renderer (Vite), the Electron main process and preload, and the CLI.
import { build as viteBuild } from 'vite';
import { build } from 'esbuild';
import { chmod, cp, rm } from 'node:fs/promises';

await rm('dist', { recursive: true, force: true });
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

const node = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: 'linked', logLevel: 'warning' };
await Promise.all([
  build({ ...node, entryPoints: ['electron/shell/main.ts'], outfile: 'dist/electron/main.js', format: 'esm' }),
  // A sandboxed preload must be a single CommonJS file.
  build({ ...node, entryPoints: ['electron/shell/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', packages: undefined, external: ['electron'] }),
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
    // ws's optional native helpers: absent, and ws does without them.
    external: ['bufferutil', 'utf-8-validate'],
    // The bundled CommonJS packages (forge, ajv) call require for Node's own modules.
    banner: { js: "import { createRequire as __edgewizRequire } from 'node:module'; const require = __edgewizRequire(import.meta.url);" },
  }),
]);
// Prosody loads the partner allow-list module from a file, so it ships beside the bundles.
await cp('electron/partners/prosody', 'dist/partners/prosody', { recursive: true });
await chmod('bin/edgewiz.js', 0o755);
