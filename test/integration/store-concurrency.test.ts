import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEdgewiz } from '../support/cli';
import { profileInput } from '../support/certificates';
import { tempDir } from '../support/core';

/** Runs `count` commands one after the other, as an admin's shell loop would. */
async function loop(count: number, command: (i: number) => string[]): Promise<{ failures: string[] }> {
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    const run = await runEdgewiz(command(i), { timeoutMs: 60_000 });
    if (run.code !== 0) failures.push(`${command(i).join(' ')} → ${run.code}: ${run.stderr}`);
  }
  return { failures };
}

describe('two processes writing the same data dir (the built CLI, as processes)', () => {
  it('keeps all 100 partners two parallel `partners add` loops of 50 each report saved', { timeout: 300_000 }, async () => {
    const dataDir = tempDir();
    const file = (writer: string, i: number) => {
      const path = join(dataDir, `${writer}-${i}.json`);
      writeFileSync(path, JSON.stringify({ domain: `${writer}${i}.example`, description: `writer ${writer}, partner ${i}` }));
      return path;
    };
    const [a, b] = await Promise.all(
      ['a', 'b'].map((writer) => loop(50, (i) => ['--data-dir', dataDir, 'partners', 'add', '--file', file(writer, i)])),
    );
    expect([...a.failures, ...b.failures]).toEqual([]);
    const listed = await runEdgewiz(['--data-dir', dataDir, '--json', 'partners', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    const domains = (JSON.parse(listed.stdout) as { domain: string }[]).map((partner) => partner.domain).sort();
    const expected = ['a', 'b'].flatMap((writer) => Array.from({ length: 50 }, (_, i) => `${writer}${i}.example`)).sort();
    expect(domains).toEqual(expected);
    expect(readdirSync(dataDir).filter((name) => name.includes('.lock'))).toEqual([]);
  });

  it('stores every request of two parallel `request` loops with its key and file', { timeout: 300_000 }, async () => {
    const dataDir = tempDir();
    const outDir = tempDir();
    const profileFile = join(outDir, 'profile.json');
    writeFileSync(profileFile, JSON.stringify(profileInput({ request: { keySize: 2048 } })));
    const outs = (writer: string) => Array.from({ length: 8 }, (_, i) => join(outDir, `${writer}-${i}.req`));
    const [a, b] = await Promise.all(
      ['a', 'b'].map((writer) => loop(8, (i) => ['--data-dir', dataDir, 'request', '--profile', profileFile, '--out', outs(writer)[i]])),
    );
    expect([...a.failures, ...b.failures]).toEqual([]);
    const listed = await runEdgewiz(['--data-dir', dataDir, '--json', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as { id: string; state: string }[];
    expect(rows).toHaveLength(16);
    expect(rows.every((row) => row.state === 'pending')).toBe(true);
    // Every request file on disk belongs to a stored request, and every stored request has its key.
    const stored = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as {
      certificates: { out: string; csrPem: string; keyFile: string }[];
    };
    expect(stored.certificates.map((entry) => entry.out).sort()).toEqual([...outs('a'), ...outs('b')].sort());
    for (const entry of stored.certificates) expect(readFileSync(entry.out, 'utf8')).toBe(entry.csrPem);
    const keys = readdirSync(join(dataDir, 'keys'));
    expect(stored.certificates.every((entry) => keys.includes(entry.keyFile))).toBe(true);
  });
});
