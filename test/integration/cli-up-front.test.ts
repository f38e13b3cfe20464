import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIpAddress } from '../../shared/gateway/types';
import { runEdgewiz } from '../support/cli';
import { profileInput } from '../support/certificates';
import { tempDir } from '../support/core';

describe('bad values are refused before anything is done (the built CLI, as a process)', () => {
  it('refuses `request --out DIR/x/` as a folder instead of writing a file "x", and generates nothing', async () => {
    const dataDir = tempDir();
    const out = tempDir();
    mkdirSync(join(out, 'x'));
    const profile = join(out, 'profile.json');
    writeFileSync(profile, JSON.stringify(profileInput()));
    for (const target of [join(out, 'x') + '/', join(out, 'y') + '/']) {
      const run = await runEdgewiz(['--data-dir', dataDir, 'request', '--profile', profile, '--out', target]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([`edgewiz: "${target}" names a folder; add a file name.`]);
    }
    expect(existsSync(join(out, 'y'))).toBe(false);
    expect(readdirSync(join(out, 'x'))).toEqual([]);
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
  });

  it('refuses `gateway configure --listen` with something that is not an IP address, and keeps the settings', async () => {
    const dataDir = tempDir();
    for (const bad of ['999.999.999.999', ':::::', 'cafe', '1.2.3', '127.0.0.1,01.2.3.4', 'fe80::1%eth0']) {
      const run = await runEdgewiz(['--data-dir', dataDir, 'gateway', 'configure', '--listen', bad]);
      expect(run.code, bad).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^edgewiz: --listen: ".*" is not an IP address/);
    }
    const ok = await runEdgewiz([
      '--data-dir',
      dataDir,
      '--json',
      'gateway',
      'configure',
      '--listen',
      '127.0.0.2, ::1,2001:db8::ffff:192.0.2.1',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).interfaces).toEqual(['127.0.0.2', '::1', '2001:db8::ffff:192.0.2.1']);
  });

  it('knows an IP address when it sees one', () => {
    for (const good of ['0.0.0.0', '255.255.255.255', '::', '::1', '1::', 'fe80::1', '2001:db8:0:0:0:0:0:1', '::ffff:10.0.0.1'])
      expect(isIpAddress(good), good).toBe(true);
    for (const bad of ['256.1.1.1', '1.2.3.4.5', ':::', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::1', '', '1:2:3:4:5:6:7::8:9'])
      expect(isIpAddress(bad), bad).toBe(false);
  });
});
