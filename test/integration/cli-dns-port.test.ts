import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edgewizBin } from '../e2e/support';
import { sampleTopology, tempDir } from '../support/core';

const edgewiz = (dataDir: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [edgewizBin, '--data-dir', dataDir, ...args], { encoding: 'utf8', timeout: 30_000 });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
};

describe('edgewiz dns records follow the gateway port (the built CLI, as a process)', () => {
  it('publishes the configured s2s port, and the direct TLS port when it is on', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'T.json');
    writeFileSync(file, JSON.stringify(sampleTopology));
    edgewiz(dataDir, 'topology', 'set', '--file', file);
    expect(edgewiz(dataDir, 'dns', 'records')).toContain('_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 sip.contoso.com.');

    edgewiz(dataDir, 'gateway', 'configure', '--port', '5299', '--tls-port', '5298');
    const zone = edgewiz(dataDir, 'dns', 'records');
    expect(zone).toContain('_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5299 sip.contoso.com.');
    expect(zone).toContain('_xmpps-server._tcp.contoso.com. 3600 IN SRV 0 0 5298 sip.contoso.com.');
    expect(zone).not.toContain(' 5269 ');
  });
});
