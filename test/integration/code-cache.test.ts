import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';

const loader = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'code-cache.js');

interface Run {
  output: string;
  used: string[];
  compiled: string[];
  unwritable: string[];
}

/** Bundles as the CLI's are laid out: an entry requiring a chunk, and a package outside them. */
function bundleTree(): { root: string; entry: string; chunk: string; outside: string } {
  const dir = tempDir('edgewiz-code-cache-');
  const root = join(dir, 'cli');
  mkdirSync(join(root, 'chunks'), { recursive: true });
  const entry = join(root, 'entry.js');
  const chunk = join(root, 'chunks', 'answer.js');
  const outside = join(dir, 'package.js');
  writeFileSync(join(root, 'package.json'), '{ "type": "commonjs" }\n');
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  writeFileSync(
    entry,
    `const { answer } = require('./chunks/answer.js');\nconst { word } = require('../package.js');\nprocess.stdout.write(answer() + ' ' + word);\n`,
  );
  writeFileSync(chunk, `exports.answer = () => 'forty-two';\n`);
  writeFileSync(outside, `exports.word = 'words';\n`);
  return { root, entry, chunk, outside };
}

/** Runs the built loader on `entry` in a fresh Node, as bin/edgewiz.js does; the report is read after its caches were written. */
function run(entry: string, root: string): Run {
  const reportFile = join(tempDir('edgewiz-code-cache-report-'), 'report.json');
  const script = [
    `const report = require(${JSON.stringify(loader)}).requireWithCodeCache(${JSON.stringify(entry)}, ${JSON.stringify(root)});`,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(reportFile)}, JSON.stringify(report)));`,
  ].join('\n');
  const output = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
  return { output, ...(JSON.parse(readFileSync(reportFile, 'utf8')) as Omit<Run, 'output'>) };
}

describe('the CLI bundles’ V8 code cache (the built loader, in its own process)', () => {
  it('compiles the bundles under its root once, then from their caches; files outside the root load as usual', () => {
    const { root, entry, chunk, outside } = bundleTree();
    const first = run(entry, root);
    expect(first.output).toBe('forty-two words');
    expect(first.compiled.sort()).toEqual([chunk, entry].sort());
    expect(first.used).toEqual([]);
    expect(existsSync(`${entry}.v8`) && existsSync(`${chunk}.v8`)).toBe(true);
    expect(existsSync(`${outside}.v8`)).toBe(false);

    const second = run(entry, root);
    expect(second.output).toBe('forty-two words');
    expect(second.used.sort()).toEqual([chunk, entry].sort());
    expect(second.compiled).toEqual([]);
  });

  it('never runs a cache made from other code, even of the same length, and replaces it', () => {
    const { root, entry, chunk } = bundleTree();
    run(entry, root);
    const before = statSync(chunk);
    // Same length, other code, and a later modification time, as an edit or a new build leaves it.
    writeFileSync(chunk, `exports.answer = () => 'sixty-two';\n`);
    expect(statSync(chunk).size).toBe(before.size);
    utimesSync(chunk, before.atime, new Date(before.mtimeMs + 5_000));
    const changed = run(entry, root);
    expect(changed.output).toBe('sixty-two words');
    expect(changed.compiled).toEqual([chunk]);
    expect(changed.used).toEqual([entry]);
    expect(run(entry, root).used.sort()).toEqual([chunk, entry].sort());
  });

  it('compiles as usual when V8 refuses a damaged cache, and writes a good one', () => {
    const { root, entry, chunk } = bundleTree();
    run(entry, root);
    const cache = readFileSync(`${chunk}.v8`);
    const header = cache.indexOf('\n') + 1;
    // The header still matches the source: only V8's own checks can refuse what follows it.
    writeFileSync(`${chunk}.v8`, Buffer.concat([cache.subarray(0, header), Buffer.alloc(cache.length - header, 0x5a)]));
    const damaged = run(entry, root);
    expect(damaged.output).toBe('forty-two words');
    expect(damaged.compiled).toEqual([chunk]);
    expect(run(entry, root).used).toContain(chunk);
  });

  it('runs without a cache it cannot write, and says which', () => {
    const { root, entry, chunk } = bundleTree();
    // A folder where the cache would go: renaming onto it fails, for root as well.
    mkdirSync(`${chunk}.v8`);
    const blocked = run(entry, root);
    expect(blocked.output).toBe('forty-two words');
    expect(blocked.unwritable).toEqual([chunk]);
    expect(run(entry, root).compiled).toEqual([chunk]);
  });
});
