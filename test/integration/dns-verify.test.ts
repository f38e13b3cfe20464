import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsmasq, type Dnsmasq } from '../support/dnsmasq';
import { memoryCore } from '../support/core';

const topology = {
  sipDomains: ['contoso.com'],
  accessEdgeFqdn: 'sip.contoso.com',
  internalEdgeFqdn: 'edge-int.contoso.local',
  xmppDomains: ['contoso.com', 'fabrikam.com', 'wrongport.example', 'wrongtarget.example'],
};

let dns: Dnsmasq;
beforeAll(async () => {
  dns = await startDnsmasq(
    [
      'srv-host=_xmpp-server._tcp.contoso.com,sip.contoso.com,5269,0,0',
      'srv-host=_xmpp-server._tcp.wrongport.example,sip.contoso.com,5222,0,0',
      'srv-host=_xmpp-server._tcp.wrongtarget.example,xmpp.wrongtarget.example,5269,0,0',
      'host-record=sip.contoso.com,127.0.0.1',
    ],
    ['contoso.com', 'fabrikam.com', 'wrongport.example', 'wrongtarget.example'],
  );
});
afterAll(async () => {
  await dns?.stop();
});

describe('DNS verification against a real dnsmasq', () => {
  it('reports a correct SRV, a missing one, a wrong port and a wrong target, each as such', async () => {
    const { client } = memoryCore();
    await client.call('topology.set', { topology });
    const { records } = await client.call('dns.verify', { server: dns.server });
    const status = Object.fromEntries(records.map((r) => [`${r.type} ${r.name}`, r.status]));
    expect(status).toMatchObject({
      'SRV _xmpp-server._tcp.contoso.com': 'ok',
      'SRV _xmpp-server._tcp.fabrikam.com': 'missing',
      'SRV _xmpp-server._tcp.wrongport.example': 'wrong-port',
      'SRV _xmpp-server._tcp.wrongtarget.example': 'wrong-target',
      'A/AAAA sip.contoso.com': 'ok',
    });
    const wrongPort = records.find((r) => r.name === '_xmpp-server._tcp.wrongport.example')!;
    expect(wrongPort).toMatchObject({ expected: '0 0 5269 sip.contoso.com', found: '0 0 5222 sip.contoso.com' });
    // No certificate is assigned yet: every XMPP domain is reported.
    expect(records.filter((r) => r.type === 'certificate').map((r) => r.status)).toEqual(Array(4).fill('certificate-mismatch'));
  });

  it('reports an unresolved target and checks the assigned certificate names the XMPP domain itself', async () => {
    const { client, dataDir } = memoryCore();
    await client.call('topology.set', { topology: { ...topology, accessEdgeFqdn: 'edge.fabrikam.com', xmppDomains: ['contoso.com'] } });
    const tls = join(dataDir, 'gateway', 'tls');
    mkdirSync(tls, { recursive: true });
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=sip.contoso.com',
        '-addext',
        'subjectAltName=DNS:sip.contoso.com,DNS:contoso.com',
        '-keyout',
        join(tls, 'gateway.key'),
        '-out',
        join(tls, 'gateway.crt'),
      ],
      { stdio: 'ignore' },
    );
    const { records } = await client.call('dns.verify', { server: dns.server });
    expect(records.find((r) => r.type === 'A/AAAA')).toMatchObject({ name: 'edge.fabrikam.com', status: 'unresolved' });
    expect(records.find((r) => r.type === 'SRV')).toMatchObject({ status: 'wrong-target' });
    expect(records.find((r) => r.type === 'certificate')).toMatchObject({ name: 'contoso.com', status: 'ok' });

    await client.call('topology.set', { topology: { ...topology, xmppDomains: ['fabrikam.com'] } });
    const again = await client.call('dns.verify', { server: dns.server });
    expect(again.records.find((r) => r.type === 'certificate')).toMatchObject({
      name: 'fabrikam.com',
      status: 'certificate-mismatch',
      found: 'sip.contoso.com, contoso.com',
    });
  });

  it('says plainly when the DNS server does not answer', async () => {
    const { client } = memoryCore();
    await client.call('topology.set', { topology });
    await expect(client.call('dns.verify', { server: '127.0.0.1:9' })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('did not answer'),
    });
  });
});
