import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeXmppServer } from '../../electron/xmpp/probe';
import type { PartnerInput } from '../../shared/partners/partner';
import type { CoreOptions } from '../../electron/core/core';
import { memoryCore, sampleTopology } from '../support/core';
import { freePort, killGateway, requireProsody, writeTestGatewayTls } from '../support/gateway';

const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(requireProsody);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A core whose gateway is configured from `partners` on a free loopback port, not started yet. */
async function configuredGateway(partners: PartnerInput[], options: { tls?: boolean; core?: Partial<CoreOptions> } = {}) {
  const harness = memoryCore(undefined, options.core);
  cleanups.push(async () => {
    await harness.core.dispose();
    harness.close();
    killGateway(harness.dataDir);
  });
  const port = await freePort();
  // fabrikam.com is a partner here, so it cannot also be one of our SIP domains.
  await harness.client.call('topology.set', { topology: { ...sampleTopology, sipDomains: ['contoso.com'] } });
  await harness.client.call('gateway.settings.set', { s2sPort: port, interfaces: ['127.0.0.1'] });
  if (partners.length) await harness.client.call('partners.import', { partners });
  if (options.tls) writeTestGatewayTls(harness.dataDir, 'contoso.com');
  const probe = (from?: string) => probeXmppServer({ host: '127.0.0.1', port, domain: 'contoso.com', from, timeoutMs: 4000 });
  return { ...harness, port, probe };
}

/** The real Prosody on a free loopback port, configured from `partners`. */
async function gatewayWith(partners: PartnerInput[], options: { tls?: boolean } = {}) {
  const gateway = await configuredGateway(partners, options);
  const status = await gateway.client.call('gateway.start', {});
  expect(status.state).toBe('running');
  return gateway;
}

describe('partners enforced by the embedded gateway (real Prosody)', () => {
  it('gives a partner stream features and a non-partner a stream error at stream open', async () => {
    const { probe, dataDir } = await gatewayWith([
      { domain: 'fabrikam.com', additionalDomains: ['chat.fabrikam.com'], tlsNegotiation: 'Optional', saslNegotiation: 'NotSupported' },
    ]);
    const partner = await probe('chat.fabrikam.com');
    expect(partner.ok).toBe(true);
    expect(partner.features).not.toBeNull();

    const stranger = await probe('evil.example');
    expect(stranger.ok).toBe(false);
    expect(stranger.streamError).toMatch(/^policy-violation/);

    const config = readFileSync(join(dataDir, 'gateway', 'prosody.cfg.lua'), 'utf8');
    expect(config).toContain('["chat.fabrikam.com"] = { tls = "Optional"; sasl = "NotSupported"; dialback = true }');
    expect(config).toContain('"edgewiz_partners"');
  });

  it('regenerates the config on commit, and a reload lets the new partner in', async () => {
    const { client, dataDir, probe } = await gatewayWith([
      { domain: 'fabrikam.com', tlsNegotiation: 'Optional', saslNegotiation: 'NotSupported' },
    ]);
    expect((await probe('litware.example')).streamError).toMatch(/^policy-violation/);
    await client.call('partners.commit', {
      partner: { domain: 'litware.example', tlsNegotiation: 'Optional', saslNegotiation: 'NotSupported' },
    });
    expect(readFileSync(join(dataDir, 'gateway', 'prosody.cfg.lua'), 'utf8')).toContain('"litware.example"');
    await client.call('gateway.reload', {});
    await expect.poll(async () => (await probe('litware.example')).ok, { timeout: 5000 }).toBe(true);
  });

  it('offers STARTTLS as required to a partner that requires TLS, and as optional to one that does not', async () => {
    const { probe } = await gatewayWith(
      [
        { domain: 'fabrikam.com', saslNegotiation: 'Optional' },
        { domain: 'litware.example', tlsNegotiation: 'Optional', saslNegotiation: 'Optional' },
      ],
      { tls: true },
    );
    expect((await probe('fabrikam.com')).features).toMatchObject({ starttls: true, starttlsRequired: true, dialback: false });
    expect((await probe('litware.example')).features).toMatchObject({ starttls: true, starttlsRequired: false, dialback: true });
  });

  it('offers dialback only to the partners that allow it', async () => {
    // Without dialback a partner authenticates with its certificate, so this gateway serves TLS.
    const none = await gatewayWith(
      [{ domain: 'fabrikam.com', supportDialbackNegotiation: false, tlsNegotiation: 'Optional', saslNegotiation: 'Optional' }],
      { tls: true },
    );
    expect((await none.probe('fabrikam.com')).features).toMatchObject({ dialback: false, starttls: true });

    const some = await gatewayWith(
      [
        { domain: 'fabrikam.com', supportDialbackNegotiation: false, tlsNegotiation: 'Optional', saslNegotiation: 'Optional' },
        { domain: 'litware.example', tlsNegotiation: 'Optional', saslNegotiation: 'NotSupported' },
      ],
      { tls: true },
    );
    expect((await some.probe('fabrikam.com')).features).toMatchObject({ dialback: false, starttls: true });
    expect((await some.probe('litware.example')).features).toMatchObject({ dialback: true });
  });
});

describe("dialback for a non-partner on a partner's stream (real Prosody)", () => {
  it('is refused at once, never asked of the non-partner, with no misleading warnings', async () => {
    const { port, dataDir } = await gatewayWith([{ domain: 'fabrikam.com', tlsNegotiation: 'Optional', saslNegotiation: 'NotSupported' }]);
    const socket = connect({ host: '127.0.0.1', port });
    cleanups.push(() => void socket.destroy());
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' to='contoso.com' from='fabrikam.com' version='1.0'>",
    );
    await expect.poll(() => received, { timeout: 3000 }).toContain('</stream:features>');
    socket.write("<db:result from='evil.example' to='contoso.com'>0123456789abcdef</db:result>");
    await expect
      .poll(() => received, { timeout: 3000 })
      .toMatch(/<policy-violation[^>]*\/>.*This domain is not an XMPP federation partner/s);

    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = readFileSync(join(dataDir, 'gateway', 'prosody.log'), 'utf8');
    expect(log).toContain('Refused incoming stream evil.example: This domain is not an XMPP federation partner');
    expect(log).not.toMatch(/No stream features to offer|Unhandled local stream element|evil\.example.*db:verify|Refused outgoing/);
  });

  it('refuses a non-partner at stream open without a "no stream features" warning', async () => {
    const { probe, dataDir } = await gatewayWith([{ domain: 'fabrikam.com', tlsNegotiation: 'Optional', saslNegotiation: 'NotSupported' }]);
    expect((await probe('evil.example')).streamError).toMatch(/^policy-violation/);
    expect(readFileSync(join(dataDir, 'gateway', 'prosody.log'), 'utf8')).not.toContain('No stream features to offer');
  });
});

describe('health probe of a partner-only gateway (real Prosody)', () => {
  it('is healthy when the anonymous probe is refused by policy after TLS, and closes its stream politely', async () => {
    // Every partner authenticates by certificate only: an anonymous stream has nothing to use after TLS.
    const { client, dataDir } = await gatewayWith([{ domain: 'fabrikam.com', supportDialbackNegotiation: false }], { tls: true });
    const status = await client.call('gateway.status', {});
    expect(status.probe).toMatchObject({ ok: true, policyRefusal: expect.stringMatching(/^policy-violation/) });
    expect(status.probe?.tls?.certificate?.fingerprint256).toBe(status.tls.certificate?.fingerprint256);

    await client.call('gateway.stop', {});
    const log = readFileSync(join(dataDir, 'gateway', 'prosody.log'), 'utf8');
    expect(log).toMatch(/Refused incoming stream nil: No authentication method is available/);
    // The probe waited for Prosody's own </stream:stream>: Prosody never had to time the close out.
    expect(log).not.toMatch(/Failed to receive a stream close response/);
  });

  it('leaves no half-closed probe stream behind for a stop right after a probe', async () => {
    const { client, dataDir } = await gatewayWith([{ domain: 'fabrikam.com', saslNegotiation: 'NotSupported' }], { tls: true });
    for (let i = 0; i < 3; i++) expect((await client.call('gateway.status', {})).probe).toMatchObject({ ok: true });
    await client.call('gateway.stop', {});
    expect(readFileSync(join(dataDir, 'gateway', 'prosody.log'), 'utf8')).not.toMatch(/Failed to receive a stream close response/);
  });
});

describe('fail closed without the allow-list module', () => {
  it('refuses to start the gateway when the module is missing, and nothing listens', async () => {
    const harness = await configuredGateway([{ domain: 'fabrikam.com' }], {
      core: { partnerModule: '/nonexistent/mod_edgewiz_partners.lua' },
    });
    await expect(harness.client.call('gateway.start', {})).rejects.toThrow(
      /partner module \(mod_edgewiz_partners\.lua\) is missing at \/nonexistent/,
    );
    expect((await harness.client.call('gateway.status', {})).state).not.toBe('running');
    expect((await harness.probe()).error).toMatch(/Nothing is listening/);
  });
});
