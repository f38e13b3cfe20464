import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edgewizBin } from '../e2e/support';
import { runEdgewiz, type CliRun } from '../support/cli';
import { profileInput } from '../support/certificates';
import { tempDir } from '../support/core';

const NOBODY = 65534;

/** Exit 1 and exactly one clear line on stderr: no stack, no "Internal error", no repeat. */
function expectOneLine(run: CliRun, text: string): void {
  expect(run.timedOut).toBe(false);
  expect(run.code, run.stderr).toBe(1);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^edgewiz: /);
  expect(lines[0]).not.toMatch(/Internal error|Error: |\bat .*:\d+:\d+/);
  expect(lines[0]).toContain(text);
}

/** The same command where file permissions apply even though the tests run as root: files owned by NOBODY are out of its reach. */
function withPermissions(args: string[]): Promise<CliRun> {
  return runEdgewiz(args, { timeoutMs: 20_000, withoutRootOverride: true });
}

function partnerFile(dir: string): string {
  const file = join(dir, 'partner.json');
  writeFileSync(file, JSON.stringify({ domain: 'fabrikam.com' }));
  return file;
}

describe('the CLI reports every failure as one clear line (the built CLI, as a process)', () => {
  it('ends quietly when the reader closes the pipe early (partners list | head -1)', async () => {
    const dataDir = tempDir();
    const list = join(dataDir, 'partners.json');
    writeFileSync(
      list,
      JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ domain: `p${i}.example`, description: 'x'.repeat(1000) }))),
    );
    expect((await runEdgewiz(['--data-dir', dataDir, 'partners', 'add', '--file', list])).code).toBe(0);
    const child = spawn(process.execPath, [edgewizBin, '--data-dir', dataDir, 'partners', 'list'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Read one line, then close the pipe as `head -1` does.
    const first = await new Promise<string>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().split('\n')[0])),
    );
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.once('close', (exit) => resolve(exit)));
    clearTimeout(timer);
    expect(first).toContain('p0.example');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('says which settings file cannot be read, and neither moves it aside nor writes defaults', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'config.json'));
    const run = await runEdgewiz(['--data-dir', dataDir, 'partners', 'list']);
    expectOneLine(run, `Cannot read the settings file ${join(dataDir, 'config.json')}`);
    expect(readdirSync(dataDir)).toEqual(['config.json']);
  });

  it('refuses an unreadable (EACCES) settings file as an error, even for a read-only list', async () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o755);
    expect((await runEdgewiz(['--data-dir', dataDir, 'partners', 'add', '--file', partnerFile(tempDir())])).code).toBe(0);
    const before = readFileSync(join(dataDir, 'config.json'), 'utf8');
    chownSync(join(dataDir, 'config.json'), NOBODY, NOBODY);
    chmodSync(join(dataDir, 'config.json'), 0o600); // only its owner may read it
    const run = await withPermissions(['--data-dir', dataDir, 'partners', 'list']);
    expectOneLine(run, `Cannot read the settings file ${join(dataDir, 'config.json')} (permission denied)`);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('config'))).toEqual(['config.json']);
    expect(readFileSync(join(dataDir, 'config.json'), 'utf8')).toBe(before);
  });

  it('refuses a write into a data dir the user cannot write, once', async () => {
    const dataDir = tempDir();
    chownSync(dataDir, NOBODY, NOBODY);
    chmodSync(dataDir, 0o755); // readable, not writable, for anyone but its owner
    const file = partnerFile(tempDir());
    const run = await withPermissions(['--data-dir', dataDir, 'partners', 'add', '--file', file]);
    expectOneLine(run, '(permission denied)');
  });

  it('names a --data-dir that is a file', async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    expectOneLine(await runEdgewiz(['--data-dir', file, 'partners', 'list']), file);
  });

  it('says what is wrong with a damaged or world-readable master.key', async () => {
    const dataDir = tempDir();
    const out = tempDir();
    const profile = join(out, 'profile.json');
    writeFileSync(profile, JSON.stringify(profileInput()));
    writeFileSync(join(dataDir, 'master.key'), 'short', { mode: 0o600 });
    expectOneLine(
      await runEdgewiz(['--data-dir', dataDir, 'request', '--profile', profile, '--out', join(out, 'a.req')]),
      'master.key is damaged',
    );
    writeFileSync(join(dataDir, 'master.key'), Buffer.alloc(32, 7));
    chmodSync(join(dataDir, 'master.key'), 0o644);
    expectOneLine(
      await runEdgewiz(['--data-dir', dataDir, 'request', '--profile', profile, '--out', join(out, 'b.req')]),
      'can be read by other users',
    );
  });
});
