import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDnsmasq, type Dnsmasq } from '../support/dnsmasq';
import { memoryCore, sampleTopology } from '../support/core';
import { freePort, killGateway, requireProsody, writeTestGatewayTls } from '../support/gateway';

const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(requireProsody);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('federation probe', () => {
  it('finds the embedded Prosody through dnsmasq’s SRV record and checks its certificate names the domain', async () => {
    const { client, core, dataDir, close } = memoryCore();
    cleanups.push(async () => {
      await core.dispose();
      close();
      killGateway(dataDir);
    });
    const port = await freePort();
    await client.call('topology.set', { topology: sampleTopology });
    await client.call('gateway.settings.set', { s2sPort: port, interfaces: ['127.0.0.1'] });
    writeTestGatewayTls(dataDir, 'contoso.com');
    await client.call('gateway.start', {});

    const dns: Dnsmasq = await startDnsmasq(
      [`srv-host=_xmpp-server._tcp.contoso.com,sip.contoso.com,${port},0,0`, 'host-record=sip.contoso.com,127.0.0.1'],
      ['contoso.com', 'nosrv.example'],
    );
    cleanups.push(() => dns.stop());

    const result = await client.call('dns.probe', { domain: 'contoso.com', server: dns.server });
    expect(result.steps.map((s) => `${s.id}:${s.status}`)).toEqual(['srv:ok', 'address:ok', 'stream:ok', 'tls:ok', 'certificate:ok']);
    expect(result.ok).toBe(true);
    expect(result.steps[0].detail).toBe(`0 0 ${port} sip.contoso.com`);
    expect(result.steps[4].detail).toContain('contoso.com');

    const missing = await client.call('dns.probe', { domain: 'nosrv.example', server: dns.server });
    expect(missing.steps.map((s) => `${s.id}:${s.status}`)).toEqual(['srv:warning', 'address:failed']);
    expect(missing.steps[0].detail).toContain('fall back to nosrv.example:5269');
  });
});
