import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nsupdate, startBind, type Bind } from '../support/bind';
import { openssl, OPENSSL, requireOpenssl } from '../support/ca';
import { runEdgewiz } from '../support/cli';
import { memoryCore, tempDir } from '../support/core';
import { freePort, killGateway, requireProsody, writeTestGatewayTls } from '../support/gateway';

/**
 * DANE TLSA records (RFC 7673) for the embedded gateway's key: printed by `dns records`, served by a
 * real BIND 9, checked by `dns verify`, and confirmed against the certificate the running gateway
 * serves by tools that share no code with Edge Wizard: OpenSSL over STARTTLS, ldns-dane over direct TLS.
 */

const LDNS_DANE = '/usr/bin/ldns-dane';
const DIG = '/usr/bin/dig';
const EDGE = 'edgepool01.dmz.fabrikam.com';

let bind: Bind;
let dataDir: string;
let s2sPort: number;
let tlsPort: number;
let certificate: string;
/** The certificate the gateway served on its direct TLS port (fetched in the second test). */
let servedFile: string;

/** TLSA 3 1 1 data computed by OpenSSL alone: SHA-256 of the certificate's SubjectPublicKeyInfo. */
function opensslSpkiSha256(file: string): string {
  const publicKey = openssl(['x509', '-in', file, '-noout', '-pubkey']);
  const der = execFileSync(OPENSSL, ['pkey', '-pubin', '-outform', 'DER'], { input: publicKey });
  return execFileSync(OPENSSL, ['dgst', '-sha256', '-r'], { input: der }).toString().split(' ')[0].trim();
}

const edgewiz = async (...args: string[]) => runEdgewiz(['--data-dir', dataDir, ...args]);
async function must(...args: string[]): Promise<string> {
  const run = await edgewiz(...args);
  expect(run.code, `${args.join(' ')}\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

async function verify(): Promise<{ code: number | null; records: { name: string; type: string; status: string; found: string }[] }> {
  const run = await edgewiz('--json', 'dns', 'verify', '--server', bind.server);
  return {
    code: run.code,
    records: (JSON.parse(run.stdout) as { records: { name: string; type: string; status: string; found: string }[] }).records,
  };
}

/** The TLSA record as BIND serves it, read with dig. */
function dig(name: string): string {
  return execFileSync(DIG, ['-p', String(bind.port), '@127.0.0.1', '+noall', '+answer', '+time=2', '+tries=2', name, 'TLSA'], {
    encoding: 'utf8',
  }).trim();
}

beforeAll(async () => {
  requireOpenssl();
  requireProsody();
  for (const tool of [LDNS_DANE, DIG])
    if (!existsSync(tool)) throw new Error(`${tool} is missing: install the Debian packages "ldnsutils" and "dnsutils" (.ci/run does).`);
  bind = await startBind(join(tempDir('edgewiz-dane-'), 'named'), ['fabrikam.com']);
  const core = memoryCore();
  dataDir = core.dataDir;
  await core.client.call('topology.set', {
    topology: {
      sipDomains: ['fabrikam.com'],
      accessEdgeFqdn: EDGE,
      internalEdgeFqdn: 'edge-int.fabrikam.local',
      xmppDomains: ['im.fabrikam.com'],
    },
  });
  await core.client.call('dns.settings.set', {
    settings: { ttl: 3600, priority: 0, weight: 0, publicIpv4: '127.0.0.1', publicIpv6: '', tlsa: false },
  });
  core.close();
  certificate = writeTestGatewayTls(dataDir, EDGE).certificate;
  s2sPort = await freePort();
  tlsPort = await freePort();
  await must('gateway', 'configure', '--port', String(s2sPort), '--tls-port', String(tlsPort), '--listen', '127.0.0.1');
  await must('gateway', 'start');
}, 90_000);

afterAll(async () => {
  if (dataDir) killGateway(dataDir);
  await bind?.stop();
});

describe('DANE TLSA records for the gateway (real BIND, real gateway, independent checkers)', () => {
  it('prints TLSA 3 1 1 for both ports and the direct TLS SRV record, in every format, once switched on', async () => {
    expect(await must('dns', 'records', '--format', 'zone')).not.toContain('TLSA');
    expect(await must('dns', 'settings', '--tlsa', 'on')).toMatch(/DANE \(TLSA\)\s+on/);
    const spki = opensslSpkiSha256(certificate);
    const zone = await must('dns', 'records', '--format', 'zone');
    expect(zone).toContain(`_${s2sPort}._tcp.${EDGE}. 3600 IN TLSA 3 1 1 ${spki}`);
    expect(zone).toContain(`_${tlsPort}._tcp.${EDGE}. 3600 IN TLSA 3 1 1 ${spki}`);
    expect(zone).toContain(`_xmpps-server._tcp.im.fabrikam.com. 3600 IN SRV 0 0 ${tlsPort} ${EDGE}.`);
    expect(await must('dns', 'records', '--format', 'nsupdate')).toContain(
      `update add _${s2sPort}._tcp.${EDGE}. 3600 IN TLSA 3 1 1 ${spki}`,
    );
    expect(await must('dns', 'records', '--format', 'powershell')).toContain(
      `Add-DnsServerResourceRecord -ZoneName "fabrikam.com" -TLSA -Name "_${s2sPort}._tcp.edgepool01.dmz" -CertificateUsage DomainIssuedCertificate -Selector SubjectPublicKeyInfo -MatchingType Sha256Hash -CertificateAssociationData "${spki}"`,
    );
    expect((await edgewiz('dns', 'settings', '--tlsa', 'maybe')).code).toBe(2);
  });

  it('BIND serves them, dns verify passes, and OpenSSL (STARTTLS) and ldns-dane (direct TLS) confirm them against the served key', async () => {
    const applied = nsupdate(bind, await must('dns', 'records', '--format', 'nsupdate'));
    expect(applied.code, applied.output).toBe(0);
    const checked = await verify();
    const tlsa = checked.records.filter((r) => r.type === 'TLSA');
    expect(tlsa.map((r) => [r.name, r.status])).toEqual([
      [`_${s2sPort}._tcp.${EDGE}`, 'ok'],
      [`_${tlsPort}._tcp.${EDGE}`, 'ok'],
    ]);
    expect(
      checked.records.filter((r) => r.type === 'SRV').every((r) => r.status === 'ok'),
      JSON.stringify(checked.records),
    ).toBe(true);

    // OpenSSL's own DANE check of the certificate the gateway presents after STARTTLS, with the record BIND serves.
    const served = dig(`_${s2sPort}._tcp.${EDGE}`);
    const rrdata = /TLSA\s+(.+)$/.exec(served)?.[1];
    expect(rrdata, served).toBeDefined();
    const sClient = (data: string) =>
      spawnSync(
        OPENSSL,
        [
          's_client',
          '-connect',
          `127.0.0.1:${s2sPort}`,
          '-starttls',
          'xmpp-server',
          '-xmpphost',
          'im.fabrikam.com',
          '-dane_tlsa_domain',
          EDGE,
          '-dane_tlsa_rrdata',
          data,
          '-verify_return_error',
          '-brief',
        ],
        {
          input: '',
          encoding: 'utf8',
          timeout: 15_000,
        },
      );
    const good = sClient(rrdata!);
    expect(`${good.stdout}${good.stderr}`).toMatch(/Verification: OK/);
    expect(`${good.stdout}${good.stderr}`).toMatch(/Verified peername: |DANE TLSA 3 1 1 .* matched EE certificate/);

    // ldns-dane, with the record as dig printed it from BIND, against the certificate the gateway
    // serves on its direct TLS port (fetched with the XMPP domain as SNI, as XEP-0368 clients send it:
    // ldns-dane itself would send the access edge's name, for which the gateway has no host).
    const dir = tempDir('edgewiz-dane-rr-');
    const file = join(dir, 'tlsa.rr');
    writeFileSync(file, `${dig(`_${tlsPort}._tcp.${EDGE}`)}\n`);
    const fetched = spawnSync(OPENSSL, ['s_client', '-connect', `127.0.0.1:${tlsPort}`, '-servername', 'im.fabrikam.com', '-showcerts'], {
      input: '',
      encoding: 'utf8',
      timeout: 15_000,
    });
    const servedPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(fetched.stdout)?.[0];
    expect(servedPem, fetched.stderr).toBeDefined();
    servedFile = join(dir, 'served.pem');
    writeFileSync(servedFile, `${servedPem}\n`);
    const ldns = spawnSync(LDNS_DANE, ['-d', '-n', '-c', servedFile, '-t', file, 'verify'], { encoding: 'utf8', timeout: 15_000 });
    expect(ldns.status, `${ldns.stdout}${ldns.stderr}`).toBe(0);
    expect(`${ldns.stdout}${ldns.stderr}`).toMatch(/dane-validated successfully/);
  });

  it('reports dane-mismatch when the published record is for another key, and the independent checkers refuse it too', async () => {
    const other = writeTestGatewayTls(tempDir('edgewiz-dane-other-'), EDGE).certificate;
    const wrong = opensslSpkiSha256(other);
    const name = `_${s2sPort}._tcp.${EDGE}.`;
    const applied = nsupdate(
      bind,
      `zone fabrikam.com.\nupdate delete ${name} TLSA\nupdate add ${name} 3600 IN TLSA 3 1 1 ${wrong}\nsend\n`,
    );
    expect(applied.code, applied.output).toBe(0);
    const checked = await verify();
    expect(checked.code).toBe(1);
    const record = checked.records.find((r) => r.name === `_${s2sPort}._tcp.${EDGE}`);
    expect(record?.status).toBe('dane-mismatch');
    expect(record?.found).toBe(`3 1 1 ${wrong}`);
    // The other port's record is still right.
    expect(checked.records.find((r) => r.name === `_${tlsPort}._tcp.${EDGE}`)?.status).toBe('ok');
    const bad = spawnSync(
      OPENSSL,
      [
        's_client',
        '-connect',
        `127.0.0.1:${s2sPort}`,
        '-starttls',
        'xmpp-server',
        '-xmpphost',
        'im.fabrikam.com',
        '-dane_tlsa_domain',
        EDGE,
        '-dane_tlsa_rrdata',
        `3 1 1 ${wrong}`,
        '-verify_return_error',
        '-brief',
      ],
      {
        input: '',
        encoding: 'utf8',
        timeout: 15_000,
      },
    );
    expect(`${bad.stdout}${bad.stderr}`).not.toMatch(/Verification: OK/);
    const wrongFile = join(tempDir('edgewiz-dane-rr-'), 'wrong.rr');
    writeFileSync(wrongFile, `${dig(name)}\n`);
    const ldns = spawnSync(LDNS_DANE, ['-d', '-n', '-c', servedFile, '-t', wrongFile, 'verify'], { encoding: 'utf8', timeout: 15_000 });
    expect(ldns.status, `${ldns.stdout}${ldns.stderr}`).not.toBe(0);
    expect(`${ldns.stdout}${ldns.stderr}`).not.toMatch(/dane-validated successfully/);
    // Missing altogether: "missing", not ok.
    expect(nsupdate(bind, `zone fabrikam.com.\nupdate delete ${name} TLSA\nsend\n`).code).toBe(0);
    expect((await verify()).records.find((r) => r.name === `_${s2sPort}._tcp.${EDGE}`)?.status).toBe('missing');
  });
});
