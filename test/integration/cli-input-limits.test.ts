import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEdgewiz } from '../support/cli';
import { sampleTopology, tempDir } from '../support/core';

function json(dir: string, name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('input the CLI refuses instead of storing (the built CLI, as a process)', () => {
  it('refuses a topology with an unknown key instead of dropping what it held', async () => {
    const dataDir = tempDir();
    const { xmppDomains, ...rest } = sampleTopology;
    const file = json(dataDir, 'typo.json', { ...rest, xmppDomain: xmppDomains });
    const run = await runEdgewiz(['--data-dir', dataDir, 'topology', 'set', '--file', file]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('xmppDomain');
    const shown = await runEdgewiz(['--data-dir', dataDir, '--json', 'topology', 'show']);
    expect(JSON.parse(shown.stdout)).toBeNull();
  });

  it('caps topology lists and name lengths', async () => {
    const dataDir = tempDir();
    const many = json(dataDir, 'many.json', { ...sampleTopology, xmppDomains: Array.from({ length: 501 }, (_, i) => `d${i}.example`) });
    const manyRun = await runEdgewiz(['--data-dir', dataDir, 'topology', 'set', '--file', many]);
    expect(manyRun.code).toBe(1);
    expect(manyRun.stderr).toContain('at most 500 domains');
    const long = json(dataDir, 'long.json', { ...sampleTopology, accessEdgeFqdn: `${'a'.repeat(2000)}.example` });
    const longRun = await runEdgewiz(['--data-dir', dataDir, 'topology', 'set', '--file', long]);
    expect(longRun.code).toBe(1);
    expect(longRun.stderr).toContain('at most 1024 characters');
  });

  it('refuses control characters (ESC, BEL) in a partner description, and stores nothing', async () => {
    const dataDir = tempDir();
    for (const description of ['\u001b[31mred\u001b[0m', 'ding\u0007', 'two\nlines', 'c1\u009b']) {
      const run = await runEdgewiz([
        '--data-dir',
        dataDir,
        'partners',
        'add',
        '--file',
        json(dataDir, 'p.json', { domain: 'fabrikam.com', description }),
      ]);
      expect(run.code, JSON.stringify(description)).toBe(1);
      expect(run.stderr).toContain('Control characters');
      expect([...run.stderr].some((char) => ['\u0007', '\u001b', '\u009b'].includes(char))).toBe(false);
    }
    const listed = await runEdgewiz(['--data-dir', dataDir, '--json', 'partners', 'list']);
    expect(JSON.parse(listed.stdout)).toEqual([]);
    const ok = await runEdgewiz([
      '--data-dir',
      dataDir,
      'partners',
      'add',
      '--file',
      json(dataDir, 'ok.json', { domain: 'fabrikam.com', description: 'Fabrikam, Inc. — 파트너' }),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
  });
});
