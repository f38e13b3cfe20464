import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nsupdate, startBind, type Bind } from '../support/bind';
import { runEdgewiz } from '../support/cli';
import { memoryCore, tempDir } from '../support/core';

let bind: Bind | undefined;
afterEach(async () => {
  await bind?.stop();
  bind = undefined;
});

/** XMPP domain im.fabrikam.com and the access edge in the DMZ, as in the field. */
async function dataDirWith(xmppDomains: string[]): Promise<string> {
  const { client, dataDir, close } = memoryCore();
  await client.call('topology.set', {
    topology: {
      sipDomains: ['fabrikam.com'],
      accessEdgeFqdn: 'edgepool01.dmz.fabrikam.com',
      internalEdgeFqdn: 'edge-int.fabrikam.local',
      xmppDomains,
    },
  });
  await client.call('dns.settings.set', {
    settings: { ttl: 3600, priority: 0, weight: 0, publicIpv4: '203.0.113.10', publicIpv6: '2001:db8::10' },
  });
  close();
  return dataDir;
}

async function records(dataDir: string, format: 'nsupdate' | 'powershell', zones: string[] = []): Promise<string> {
  const run = await runEdgewiz(['--data-dir', dataDir, 'dns', 'records', '--format', format, ...zones.flatMap((zone) => ['--zone', zone])]);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

async function verify(dataDir: string, server: string): Promise<{ name: string; type: string; status: string }[]> {
  const run = await runEdgewiz(['--data-dir', dataDir, '--json', 'dns', 'verify', '--server', server]);
  return (JSON.parse(run.stdout) as { records: { name: string; type: string; status: string }[] }).records;
}

describe('DNS update scripts applied by a real BIND 9 (nsupdate with TSIG)', () => {
  it(
    'publishes everything in the registrable domain by default (one zone fabrikam.com; XMPP domain at a sub-name and at the apex)',
    { timeout: 120_000 },
    async () => {
      bind = await startBind(join(tempDir('edgewiz-bind-'), 'named'), ['fabrikam.com']);
      const dataDir = await dataDirWith(['im.fabrikam.com', 'fabrikam.com']);
      const script = await records(dataDir, 'nsupdate');
      expect(script).toContain('zone fabrikam.com.');
      expect(script).not.toMatch(/^zone (im|dmz)\./m);
      const applied = nsupdate(bind, script);
      expect(applied.code, applied.output).toBe(0);
      const checked = await verify(dataDir, bind.server);
      expect(checked.filter((record) => record.type !== 'certificate')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: '_xmpp-server._tcp.im.fabrikam.com', status: 'ok' }),
          expect.objectContaining({ name: '_xmpp-server._tcp.fabrikam.com', status: 'ok' }),
        ]),
      );
      expect(
        checked.filter((record) => record.type !== 'certificate').every((record) => record.status === 'ok'),
        JSON.stringify(checked),
      ).toBe(true);

      const powershell = await records(dataDir, 'powershell');
      expect(powershell).toContain(
        'Add-DnsServerResourceRecord -ZoneName "fabrikam.com" -Srv -Name "_xmpp-server._tcp.im" -DomainName "edgepool01.dmz.fabrikam.com"',
      );
      expect(powershell).toContain('Add-DnsServerResourceRecord -ZoneName "fabrikam.com" -Srv -Name "_xmpp-server._tcp" -DomainName');
      expect(powershell).toContain(
        'Add-DnsServerResourceRecordA -ZoneName "fabrikam.com" -Name "edgepool01.dmz" -IPv4Address "203.0.113.10"',
      );
    },
  );

  it(
    'publishes in the zones the admin names (im.fabrikam.com and dmz.fabrikam.com as zones of their own)',
    { timeout: 120_000 },
    async () => {
      const zones = ['im.fabrikam.com', 'dmz.fabrikam.com'];
      bind = await startBind(join(tempDir('edgewiz-bind-'), 'named'), ['fabrikam.com', ...zones]);
      const dataDir = await dataDirWith(['im.fabrikam.com']);
      const script = await records(dataDir, 'nsupdate', zones);
      expect(script).toContain('zone im.fabrikam.com.');
      expect(script).toContain('zone dmz.fabrikam.com.');
      const applied = nsupdate(bind, script);
      expect(applied.code, applied.output).toBe(0);
      const checked = (await verify(dataDir, bind.server)).filter((record) => record.type !== 'certificate');
      expect(checked.length).toBeGreaterThan(0);
      expect(
        checked.every((record) => record.status === 'ok'),
        JSON.stringify(checked),
      ).toBe(true);
      const powershell = await records(dataDir, 'powershell', zones);
      expect(powershell).toContain('-ZoneName "im.fabrikam.com" -Srv -Name "_xmpp-server._tcp" ');
      expect(powershell).toContain('Add-DnsServerResourceRecordAAAA -ZoneName "dmz.fabrikam.com" -Name "edgepool01"');

      // A zone list that leaves a name out is refused, naming it.
      const missing = await runEdgewiz(['--data-dir', dataDir, 'dns', 'records', '--format', 'nsupdate', '--zone', 'im.fabrikam.com']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('edgepool01.dmz.fabrikam.com is in none of the zones im.fabrikam.com');
    },
  );

  it('the old one-zone-per-name script is refused by BIND (the layout this guards against)', { timeout: 120_000 }, async () => {
    bind = await startBind(join(tempDir('edgewiz-bind-'), 'named'), ['fabrikam.com']);
    const applied = nsupdate(
      bind,
      'zone im.fabrikam.com.\nupdate add _xmpp-server._tcp.im.fabrikam.com. 3600 IN SRV 0 0 5269 edgepool01.dmz.fabrikam.com.\nsend\n',
    );
    expect(applied.code).not.toBe(0);
    expect(applied.output).toMatch(/NOTAUTH/);
  });
});
