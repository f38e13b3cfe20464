import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEdgewiz } from '../support/cli';
import { sampleTopology, tempDir } from '../support/core';

async function withTopology(): Promise<string> {
  const dataDir = tempDir();
  const file = join(dataDir, 'topology.json');
  writeFileSync(file, JSON.stringify(sampleTopology));
  const set = await runEdgewiz(['--data-dir', dataDir, 'topology', 'set', '--file', file]);
  expect(set.code, set.stderr).toBe(0);
  return dataDir;
}

describe('files named on the command line are read within a bound (the built CLI, as a process)', () => {
  it('refuses a device such as /dev/zero at once instead of reading it forever', async () => {
    const dataDir = await withTopology();
    const run = await runEdgewiz(['--data-dir', dataDir, 'import', '--file', '/dev/zero'], { timeoutMs: 15_000 });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'edgewiz: /dev/zero is not a regular file (a device, pipe or socket); choose the certificate file.',
    ]);
  });

  it('refuses a FIFO nobody writes to instead of waiting on it', async () => {
    const dataDir = await withTopology();
    const fifo = join(dataDir, 'cert.pipe');
    execFileSync('mkfifo', [fifo]);
    const run = await runEdgewiz(['--data-dir', dataDir, 'import', '--file', fifo], { timeoutMs: 15_000 });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${fifo} is not a regular file`);
    const topology = await runEdgewiz(['--data-dir', dataDir, 'topology', 'set', '--file', fifo], { timeoutMs: 15_000 });
    expect(topology.timedOut).toBe(false);
    expect(topology.code).toBe(1);
    expect(topology.stderr).toContain('is not a regular file');
  });

  it('refuses a regular file above the cap by its size, and a JSON device the same way', async () => {
    const dataDir = await withTopology();
    const big = join(dataDir, 'big.cer');
    writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 0x41));
    const run = await runEdgewiz(['--data-dir', dataDir, 'import', '--file', big]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is larger than 1024 KB');
    const json = await runEdgewiz(['--data-dir', dataDir, 'partners', 'add', '--file', '/dev/zero'], { timeoutMs: 15_000 });
    expect(json.timedOut).toBe(false);
    expect(json.code).toBe(1);
    expect(json.stderr).toContain('/dev/zero: is not a regular file');
  });
});
