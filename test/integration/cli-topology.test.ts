import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edgewizBin } from '../e2e/support';
import { sampleTopology, tempDir } from '../support/core';

function edgewiz(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [edgewizBin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('edgewiz topology (the built CLI, as a process)', () => {
  it('sets and shows a topology, in JSON and for people', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'T.json');
    writeFileSync(file, JSON.stringify({ ...sampleTopology, xmppDomains: ['회사.한국'] }));
    const set = edgewiz(['--data-dir', dataDir, '--json', 'topology', 'set', '--file', file]);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout).xmppDomains).toEqual(['xn--vf4b131b.xn--3e0b707e']);

    const shown = edgewiz(['topology', 'show'], { EDGEWIZ_DATA_DIR: dataDir });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/XMPP domains\s+회사\.한국 \(xn--vf4b131b\.xn--3e0b707e\)/);
    expect(shown.stdout).toMatch(/Access edge FQDN\s+sip\.contoso\.com/);
  });

  it('refuses a bad file with exit 1, a one-line reason naming the file and field, and keeps what was saved', () => {
    const dataDir = tempDir();
    const good = join(dataDir, 'good.json');
    const bad = join(dataDir, 'bad.json');
    writeFileSync(good, JSON.stringify(sampleTopology));
    writeFileSync(bad, JSON.stringify({ ...sampleTopology, accessEdgeFqdn: 'edge_1.contoso.com' }));
    expect(edgewiz(['--data-dir', dataDir, 'topology', 'set', '--file', good]).code).toBe(0);

    const refused = edgewiz(['--data-dir', dataDir, 'topology', 'set', '--file', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(`${bad}: accessEdgeFqdn: Underscores are not allowed in host names.`);
    const after = JSON.parse(edgewiz(['--data-dir', dataDir, '--json', 'topology', 'show']).stdout);
    expect(after.accessEdgeFqdn).toBe('sip.contoso.com');

    writeFileSync(bad, '{ not json');
    const garbage = edgewiz(['--data-dir', dataDir, 'topology', 'set', '--file', bad]);
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toContain(`${bad}: not valid JSON`);
    expect(edgewiz(['--data-dir', dataDir, 'topology', 'set', '--file', join(dataDir, 'missing.json')]).stderr).toContain('does not exist');
  });

  it('exits 2 on bad usage and 0 on --help', () => {
    expect(edgewiz(['--help']).code).toBe(0);
    expect(edgewiz(['--help']).stdout).toContain('Usage: edgewiz');
    expect(edgewiz(['frobnicate']).code).toBe(2);
    expect(edgewiz(['topology', 'set']).code).toBe(2);
    expect(edgewiz(['--no-such-flag']).code).toBe(2);
    expect(edgewiz([]).code).toBe(2);
  });
});
