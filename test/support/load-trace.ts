import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { edgewizBin } from '../e2e/support';
import { tempDir } from './core';

/**
 * Runs the built `edgewiz` with a module hook that records every file and Node built-in it loads,
 * and names the npm packages and the project's own source files those bundles hold (from each
 * bundle's source map), and the packages it required at run time from node_modules. Killed after
 * `timeoutMs`.
 */
export async function packagesLoaded(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 20_000,
): Promise<{ code: number | null; bundles: string[]; packages: string[]; sources: string[]; builtins: string[] }> {
  const dir = tempDir('edgewiz-trace-');
  const trace = join(dir, 'loaded.txt');
  writeFileSync(trace, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  if (url.startsWith('file:') || url.startsWith('node:')) appendFileSync(${JSON.stringify(trace)}, url + '\\n');\n  return next(url, context);\n}\n`,
  );
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
  // CommonJS files (the CLI's bundles among them) and the built-ins they require pass no module
  // hook: what the require cache and Node's list of loaded built-ins hold at exit.
  writeFileSync(
    join(dir, 'required.cjs'),
    [
      `process.on('exit', () => {`,
      `  const files = Object.keys(require.cache).map((file) => require('node:url').pathToFileURL(file).href);`,
      `  const builtins = process.moduleLoadList.filter((entry) => /^NativeModule (?!internal\\/)/.test(entry)).map((entry) => 'node:' + entry.slice('NativeModule '.length));`,
      `  require('node:fs').appendFileSync(${JSON.stringify(trace)}, [...files, ...builtins].map((url) => url + '\\n').join(''));`,
      `});`,
      '',
    ].join('\n'),
  );
  const child = spawn(
    process.execPath,
    ['--require', join(dir, 'required.cjs'), '--import', join(dir, 'register.mjs'), edgewizBin, ...args],
    {
      stdio: 'ignore',
      env: { ...process.env, ...env },
    },
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exit) => resolve(exit));
  }).finally(() => clearTimeout(timer));
  const packages = new Set<string>();
  const ownSources = new Set<string>();
  const loaded = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  const builtins = [...new Set(loaded.filter((url) => url.startsWith('node:')).map((url) => url.slice('node:'.length)))].sort();
  const files = loaded.filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url));
  const bundles = [...new Set(files.filter((file) => file.includes(join('dist', 'cli'))))];
  for (const file of files) {
    const at = file.lastIndexOf(`node_modules${sep}`);
    if (at < 0) continue;
    const [scope, name] = file.slice(at + `node_modules${sep}`.length).split(sep);
    packages.add(scope.startsWith('@') ? `${scope}/${name}` : scope);
  }
  for (const file of bundles) {
    const { sources } = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    for (const source of sources) {
      const at = source.lastIndexOf('node_modules/');
      if (at < 0) {
        ownSources.add(source.replace(/^(\.\.\/)+/, ''));
        continue;
      }
      const [scope, name] = source.slice(at + 'node_modules/'.length).split('/');
      packages.add(scope.startsWith('@') ? `${scope}/${name}` : scope);
    }
  }
  return { code, bundles, packages: [...packages].sort(), sources: [...ownSources].sort(), builtins };
}
