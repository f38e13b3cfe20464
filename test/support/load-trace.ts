import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { edgewizBin } from '../e2e/support';
import { tempDir } from './core';

/**
 * Runs the built `edgewiz` with a module hook that records every file and Node built-in it loads,
 * and names the npm packages and the project's own source files those bundles hold (from each
 * bundle's source map). Killed after `timeoutMs`.
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
  const child = spawn(process.execPath, ['--import', join(dir, 'register.mjs'), edgewizBin, ...args], {
    stdio: 'ignore',
    env: { ...process.env, ...env },
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exit) => resolve(exit));
  }).finally(() => clearTimeout(timer));
  const packages = new Set<string>();
  const ownSources = new Set<string>();
  const loaded = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  const builtins = [...new Set(loaded.filter((url) => url.startsWith('node:')).map((url) => url.slice('node:'.length)))].sort();
  const bundles = loaded
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url))
    .filter((file) => file.includes(join('dist', 'cli')));
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
