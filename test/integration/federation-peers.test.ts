import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FederationLab, GATEWAY_DOMAIN, requireLabTools, type Peer } from '../support/federation-lab';

/**
 * Real federation between the embedded gateway (started and changed through the `edgewiz` CLI)
 * and an independent Prosody configured by hand, over s2s on private loopback addresses with
 * DNS from dnsmasq and certificates from a lab CA. Each peer host behaves like another
 * organization's server: its modules decide what it offers and uses.
 */

const partner = (domain: string, tls: string, sasl: string, dialback: boolean) => ({
  domain,
  tlsNegotiation: tls,
  saslNegotiation: sasl,
  supportDialbackNegotiation: dialback,
});

// The mixed partner list: every row of the matrix the embedded gateway enforces.
const PARTNERS = [
  partner('sasl.lab', 'Required', 'Required', false),
  partner('saslfallback.lab', 'Required', 'Required', true),
  partner('dialback.lab', 'Required', 'NotSupported', true),
  partner('optional.lab', 'Optional', 'Optional', true),
  partner('plain.lab', 'NotSupported', 'NotSupported', true),
  partner('needstls.lab', 'Required', 'NotSupported', true),
  partner('badcert.lab', 'Required', 'Required', false),
  partner('nodialback.lab', 'Optional', 'Optional', false),
  partner('ejab.lab', 'Required', 'Required', false),
  partner('ejabdb.lab', 'Required', 'NotSupported', true),
];

/** dialback.lab, not nodialback.lab. */
const ONLY_DIALBACK_LAB = /(?<![\w.-])dialback\.lab/;

let lab: FederationLab;
let peer: Peer;

/** The gateway's log lines about a domain. */
const gatewayLines = (domain: string) =>
  lab
    .gatewayLog()
    .split('\n')
    .filter((line) => line.includes(domain));
const authenticated = (domain: string, direction: 'incoming' | 'outgoing') =>
  gatewayLines(domain).find((line) => line.includes(`Federation partner ${domain} authenticated on an ${direction} stream`)) ?? null;

beforeAll(async () => {
  requireLabTools();
  lab = await FederationLab.start();
  const hosts = {
    [GATEWAY_DOMAIN]: '127.0.0.10',
    ...Object.fromEntries(
      ['sasl', 'saslfallback', 'dialback', 'optional', 'plain', 'needstls', 'badcert', 'nodialback', 'rogue'].map((name) => [
        `${name}.lab`,
        '127.0.0.20',
      ]),
    ),
    'ejab.lab': '127.0.0.30',
    'ejabdb.lab': '127.0.0.30',
  };
  await lab.startDns(hosts);
  await lab.startGateway(PARTNERS);
  peer = await lab.startPeer('peer', '127.0.0.20', [
    // Offers everything: the gateway's policy must pick SASL EXTERNAL.
    { domain: 'sasl.lab', tls: true, dialback: true, sasl: true },
    // SASL Required with the dialback switch on: dialback must still be refused.
    { domain: 'saslfallback.lab', tls: true, dialback: true, sasl: false },
    { domain: 'dialback.lab', tls: true, dialback: true, sasl: true },
    { domain: 'optional.lab', tls: true, dialback: true, sasl: true },
    { domain: 'plain.lab', tls: false, dialback: true, sasl: false },
    { domain: 'needstls.lab', tls: false, dialback: true, sasl: false },
    { domain: 'badcert.lab', tls: true, dialback: true, sasl: true, untrusted: true },
    { domain: 'nodialback.lab', tls: true, dialback: true, sasl: true },
    { domain: 'rogue.lab', tls: true, dialback: true, sasl: true },
  ]);
}, 90_000);

afterAll(() => lab?.close());

describe('federation with an independent Prosody (real s2s in a private namespace)', () => {
  it('admits a SASL Required partner by SASL EXTERNAL in both directions, never by dialback', async () => {
    const ping = await peer.ping('sasl.lab');
    expect(ping.ok, `${ping.output}\n${lab.logs()}`).toBe(true);
    expect(authenticated('sasl.lab', 'incoming')).toMatch(/by EXTERNAL \(encrypted\)/);
    expect(authenticated('sasl.lab', 'outgoing')).toMatch(/by EXTERNAL \(encrypted\)/);
  });

  it('admits a dialback partner by dialback over TLS in both directions', async () => {
    const ping = await peer.ping('dialback.lab');
    expect(ping.ok, `${ping.output}\n${lab.logs()}`).toBe(true);
    expect(authenticated('dialback.lab', 'incoming')).toMatch(/by dialback \(encrypted\)/);
    expect(authenticated('dialback.lab', 'outgoing')).toMatch(/by dialback \(encrypted\)/);
  });

  it('uses neither TLS nor SASL with a partner that supports neither', async () => {
    const ping = await peer.ping('plain.lab');
    expect(ping.ok, `${ping.output}\n${lab.logs()}`).toBe(true);
    expect(authenticated('plain.lab', 'incoming')).toMatch(/by dialback \(not encrypted\)/);
    expect(authenticated('plain.lab', 'outgoing')).toMatch(/by dialback \(not encrypted\)/);
  });

  it('uses TLS and SASL EXTERNAL with an Optional partner that offers them', async () => {
    const ping = await peer.ping('optional.lab');
    expect(ping.ok, `${ping.output}\n${lab.logs()}`).toBe(true);
    expect(authenticated('optional.lab', 'incoming')).toMatch(/by EXTERNAL \(encrypted\)/);
    expect(authenticated('optional.lab', 'outgoing')).toMatch(/by EXTERNAL \(encrypted\)/);
  });

  it('refuses dialback to a SASL Required partner whose server has no SASL EXTERNAL, even with its dialback switch on', async () => {
    const ping = await peer.ping('saslfallback.lab');
    expect(ping.ok).toBe(false);
    expect(authenticated('saslfallback.lab', 'incoming')).toBeNull();
    expect(gatewayLines('saslfallback.lab').join('\n')).toMatch(
      /Refused incoming stream saslfallback\.lab: The federation policy for saslfallback\.lab does not allow dialback/,
    );
  });

  it('refuses a TLS Required partner whose server cannot encrypt', async () => {
    const ping = await peer.ping('needstls.lab');
    expect(ping.ok).toBe(false);
    expect(authenticated('needstls.lab', 'incoming')).toBeNull();
    expect(gatewayLines('needstls.lab').join('\n')).toMatch(/requires TLS/);
  });

  it('refuses a SASL Required partner whose certificate it cannot validate (no dialback fallback)', async () => {
    const ping = await peer.ping('badcert.lab');
    expect(ping.ok).toBe(false);
    expect(authenticated('badcert.lab', 'incoming')).toBeNull();
    expect(gatewayLines('badcert.lab').join('\n')).toMatch(
      /Forbidding insecure connection to\/from badcert\.lab because its certificate is not trusted/,
    );
  });

  it('validates a partner from a private CA once the admin trusts its root, from the CLI, without a restart', async () => {
    const trusted = await lab.must(lab.edgewiz('trust', 'add', '--file', lab.untrustedRoot));
    expect(trusted.stdout).toMatch(/Applied to the running gateway/);
    const ping = await peer.ping('badcert.lab');
    expect(ping.ok, `${ping.output}\n${lab.logs()}`).toBe(true);
    expect(authenticated('badcert.lab', 'incoming')).toMatch(/by EXTERNAL \(encrypted\)/);

    const sha256 = JSON.parse((await lab.must(lab.edgewiz('--json', 'trust', 'list'))).stdout)[0].sha256 as string;
    await lab.must(lab.edgewiz('trust', 'remove', '--sha256', sha256));
  });

  it('refuses dialback from a partner with dialback off, though its certificate would do', async () => {
    // Its server offers SASL EXTERNAL, so certificate authentication works; dialback would not.
    const ping = await peer.ping('nodialback.lab');
    expect(ping.ok, `${ping.output}\n${lab.logs()}`).toBe(true);
    expect(authenticated('nodialback.lab', 'incoming')).toMatch(/by EXTERNAL/);
    expect(gatewayLines('nodialback.lab').join('\n')).not.toMatch(/by dialback/);
  });

  it('refuses a non-partner at stream open, and never opens a stream to it', async () => {
    const ping = await peer.ping('rogue.lab');
    expect(ping.ok).toBe(false);
    expect(gatewayLines('rogue.lab').join('\n')).toMatch(
      /Refused incoming stream rogue\.lab: This domain is not an XMPP federation partner/,
    );
    expect(lab.gatewayLog()).not.toMatch(/Outgoing s2s connection edge\.lab->rogue\.lab/);
    expect(authenticated('rogue.lab', 'outgoing')).toBeNull();
  });

  it('never opens an outgoing stream to a non-partner: the gateway itself refuses to send to it', async () => {
    // The gateway is restarted with Prosody's admin shell (for this test only: a wrapper on PATH adds
    // the module to the generated configuration) so that it can be made to send a ping itself.
    const bin = join(lab.dir, 'shell-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      join(bin, 'prosody'),
      '#!/bin/sh\nsed -i \'s/"admin_socket"/"admin_socket", "admin_shell"/\' "$3"\nexec /usr/bin/prosody "$@"\n',
    );
    chmodSync(join(bin, 'prosody'), 0o755);
    const withShell = (...args: string[]) =>
      lab.run(
        '/usr/bin/env',
        [
          `PATH=${bin}:/usr/sbin:/usr/bin:/sbin:/bin`,
          process.execPath,
          join(import.meta.dirname, '..', '..', 'bin', 'edgewiz.js'),
          '--data-dir',
          lab.dataDir,
          ...args,
        ],
        30_000,
      );
    const config = join(lab.dataDir, 'gateway', 'prosody.cfg.lua');
    const gatewayPing = async (to: string) => {
      const result = await lab.run(
        '/usr/bin/prosodyctl',
        ['--config', config, 'shell', `xmpp:ping(${JSON.stringify(GATEWAY_DOMAIN)}, ${JSON.stringify(to)}, 8)`],
        15_000,
      );
      return `${result.stdout}${result.stderr}`;
    };
    await lab.must(lab.edgewiz('gateway', 'stop'));
    try {
      await lab.must(withShell('gateway', 'start'));
      const logStart = peer.log().length;
      const peerLogSince = () => peer.log().slice(logStart);

      // Positive control: toward a partner the same action opens a stream the peer sees.
      const toPartner = await gatewayPing('sasl.lab');
      expect(toPartner, `${toPartner}\n${lab.logs()}`).toMatch(/pong from sasl\.lab/);
      expect(peerLogSince()).toMatch(/Incoming s2s connection edge\.lab->sasl\.lab complete/);

      // rogue.lab has DNS, SRV and a listening peer that would accept the gateway's certificate.
      const toRogue = await gatewayPing('rogue.lab');
      // Give a stream that should not exist time to show up, then look from the peer's side.
      await new Promise((r) => setTimeout(r, 2000));
      expect(peerLogSince(), 'the peer saw a stream from the gateway to rogue.lab').not.toMatch(/edge\.lab->rogue\.lab/);
      expect(await peer.sessions()).not.toMatch(/rogue\.lab/);
      // The gateway's own refusal: the module's log line, and the ping bounced with its error.
      expect(gatewayLines('rogue.lab').join('\n')).toMatch(/Refused outgoing iq to non-partner rogue\.lab/);
      expect(lab.gatewayLog()).not.toMatch(/s2s (connection|stream) edge\.lab->rogue\.lab/);
      expect(toRogue).not.toMatch(/pong/);
      expect(toRogue).toMatch(/not an XMPP federation partner/);
    } finally {
      // Back to the gateway exactly as Edge Wizard configures it, for the tests that follow.
      await lab.edgewiz('gateway', 'stop');
      await lab.must(lab.edgewiz('gateway', 'start'));
    }
  }, 90_000);

  it('closes the live streams of a removed partner within 5 s, from the CLI, and refuses it afterwards', async () => {
    const ping = await peer.ping('dialback.lab');
    expect(ping.ok).toBe(true);
    expect(await peer.sessions()).toMatch(ONLY_DIALBACK_LAB);

    const started = Date.now();
    const removed = await lab.must(lab.edgewiz('partners', 'remove', 'dialback.lab'));
    expect(removed.stdout).toMatch(/Applied to the running gateway/);
    await lab.waitFor('the peer sees its streams to the gateway closed', async () => !ONLY_DIALBACK_LAB.test(await peer.sessions()), 5000);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(lab.gatewayLog()).toMatch(/Federation partner policy applied to open streams: [1-9]\d* closed/);

    expect((await peer.ping('dialback.lab')).ok).toBe(false);
    expect(gatewayLines('dialback.lab').join('\n')).toMatch(
      /Refused incoming stream dialback\.lab: This domain is not an XMPP federation partner/,
    );

    // Added back, it federates again without a restart.
    const added = await lab.setPartners([partner('dialback.lab', 'Required', 'NotSupported', true)]);
    expect(added.stdout).toMatch(/Applied to the running gateway/);
    expect((await peer.ping('dialback.lab')).ok).toBe(true);
  });
});

describe('federation with ejabberd 23.01 (real s2s in the same namespace)', () => {
  beforeAll(async () => {
    await lab.startEjabberd('127.0.0.30', ['ejab.lab', 'ejabdb.lab']);
  }, 60_000);

  it('admits a SASL Required partner on ejabberd by SASL EXTERNAL in both directions', async () => {
    await lab.waitFor(
      'ejab.lab federates both ways',
      () => authenticated('ejab.lab', 'incoming') !== null && authenticated('ejab.lab', 'outgoing') !== null,
      30_000,
    );
    expect(authenticated('ejab.lab', 'incoming')).toMatch(/by EXTERNAL \(encrypted\)/);
    expect(authenticated('ejab.lab', 'outgoing')).toMatch(/by EXTERNAL \(encrypted\)/);
  });

  it('admits a SASL Not supported partner on ejabberd by dialback over TLS in both directions, never by SASL', async () => {
    await lab.waitFor(
      'ejabdb.lab federates both ways',
      () => authenticated('ejabdb.lab', 'incoming') !== null && authenticated('ejabdb.lab', 'outgoing') !== null,
      30_000,
    );
    expect(authenticated('ejabdb.lab', 'incoming')).toMatch(/by dialback \(encrypted\)/);
    expect(authenticated('ejabdb.lab', 'outgoing')).toMatch(/by dialback \(encrypted\)/);
    expect(gatewayLines('ejabdb.lab').join('\n')).not.toMatch(/by EXTERNAL/);
  });
});
