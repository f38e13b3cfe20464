import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeXmppServer } from '../../electron/xmpp/probe';
import type { RpcClient } from '../../shared/rpc/client';
import { DIG, nsupdate, startBind, type Bind } from '../support/bind';
import { OPENSSL } from '../support/ca';
import { profileInput } from '../support/certificates';
import { runEdgewiz } from '../support/cli';
import { memoryCore, sampleTopology, tempDir } from '../support/core';
import { freePort, killGateway, requireProsody } from '../support/gateway';
import { startPebble, type Pebble } from '../support/pebble';

/**
 * DANE key rollover on renewal and on a manual import, against real parts: BIND 9 takes the
 * RFC 2136 updates and serves the TLSA records, pebble issues, Prosody is the gateway, and
 * OpenSSL and ldns-dane check the gateway against the record set BIND serves. The core runs in
 * this process on a clock the test moves, so the two-TTL wait takes no real time; `dns verify`,
 * `dns records` and `assign` run as the built CLI on the same data dir.
 */

const LDNS_DANE = '/usr/bin/ldns-dane';
const EDGE = sampleTopology.accessEdgeFqdn;
/** Every name in the test zones points at loopback, where pebble validates http-01. */
const CA_REACHES_LOOPBACK = ['@ IN A 127.0.0.1', '* IN A 127.0.0.1'];
const TTL = 60;

let work: string;
let bind: Bind;
let pebble: Pebble;
let caFile: string;
const dataDirs: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  requireProsody();
  for (const tool of [LDNS_DANE, OPENSSL])
    if (!existsSync(tool)) throw new Error(`${tool} is missing: install the Debian packages "ldnsutils" and "openssl" (.ci/run does).`);
  work = tempDir('edgewiz-rollover-');
  bind = await startBind(join(work, 'bind'), ['contoso.com', 'fabrikam.com'], CA_REACHES_LOOPBACK);
  pebble = await startPebble(join(work, 'pebble'), bind.server, await freePort());
  caFile = join(work, 'acme-ca.pem');
  writeFileSync(caFile, readFileSync(pebble.tlsCaFile, 'utf8') + pebble.root);
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  for (const dir of dataDirs) killGateway(dir);
  await pebble?.stop();
  await bind?.stop();
});

/** A data dir with the topology and the ACME account, its core in this process on a clock the test sets. */
async function setup(): Promise<{ dataDir: string; client: RpcClient; clock: { now: Date } }> {
  const clock = { now: new Date() };
  const { core, client, dataDir, close } = memoryCore(tempDir('edgewiz-rollover-data-'), { now: () => clock.now });
  dataDirs.push(dataDir);
  cleanups.push(async () => {
    await core.dispose();
    close();
  });
  await client.call('topology.set', { topology: sampleTopology });
  await client.call('dns.settings.set', {
    settings: { ttl: TTL, priority: 0, weight: 0, publicIpv4: '127.0.0.1', publicIpv6: '', tlsa: false },
  });
  await client.call('acme.configure', { directory: pebble.directory, email: 'admin@contoso.com', caFile });
  return { dataDir, client, clock };
}

async function cli(dataDir: string, ...args: string[]) {
  return runEdgewiz(['--data-dir', dataDir, ...args], { timeoutMs: 60_000 });
}
async function must(dataDir: string, ...args: string[]): Promise<string> {
  const run = await cli(dataDir, ...args);
  expect(run.code, `edgewiz ${args.join(' ')}\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

interface Verified {
  code: number | null;
  records: { name: string; type: string; status: string; expected: string; found: string }[];
  tlsaKey: { source: string; spkiSha256: string } | null;
}
async function verify(dataDir: string): Promise<Verified> {
  const run = await cli(dataDir, '--json', 'dns', 'verify', '--server', bind.server);
  return { code: run.code, ...(JSON.parse(run.stdout) as Omit<Verified, 'code'>) };
}

/** The TLSA data BIND serves at `name`, as dig prints it, sorted. */
function digTlsa(name: string): string[] {
  return execFileSync(DIG, ['+short', '+time=2', '+tries=2', '-p', String(bind.port), '@127.0.0.1', name, 'TLSA'], {
    encoding: 'utf8',
    timeout: 10_000,
  })
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' ').toLowerCase())
    .filter(Boolean)
    .map((line) => {
      // dig splits long data into words: "3 1 1 ABCD EF01" → "3 1 1 abcdef01".
      const [usage, selector, type, ...data] = line.split(' ');
      return `${usage} ${selector} ${type} ${data.join('')}`;
    })
    .sort();
}

/** SHA-256 of the SubjectPublicKeyInfo of a certificate, computed by OpenSSL alone. */
function opensslSpki(pem: string): string {
  const publicKey = execFileSync(OPENSSL, ['x509', '-noout', '-pubkey'], { input: pem });
  const der = execFileSync(OPENSSL, ['pkey', '-pubin', '-outform', 'DER'], { input: publicKey });
  return execFileSync(OPENSSL, ['dgst', '-sha256', '-r'], { input: der }).toString().split(' ')[0].trim();
}

/** What the gateway serves after STARTTLS, read with OpenSSL (PEM). */
function servedByGateway(port: number): string {
  const run = spawnSync(
    OPENSSL,
    ['s_client', '-connect', `127.0.0.1:${port}`, '-starttls', 'xmpp-server', '-xmpphost', 'contoso.com', '-showcerts'],
    { input: '', encoding: 'utf8', timeout: 15_000 },
  );
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(run.stdout)?.[0];
  expect(pem, run.stderr).toBeDefined();
  return `${pem}\n`;
}

/** OpenSSL's DANE check of the gateway (after STARTTLS, or on its direct-TLS port) against every record BIND serves at its port. */
function opensslDane(port: number, records: string[], how: 'starttls' | 'direct' = 'starttls'): string {
  const run = spawnSync(
    OPENSSL,
    [
      's_client',
      '-connect',
      `127.0.0.1:${port}`,
      ...(how === 'starttls' ? ['-starttls', 'xmpp-server', '-xmpphost', 'contoso.com'] : ['-servername', 'contoso.com']),
      '-dane_tlsa_domain',
      EDGE,
      ...records.flatMap((record) => ['-dane_tlsa_rrdata', record]),
      '-verify_return_error',
      '-brief',
    ],
    { input: '', encoding: 'utf8', timeout: 15_000 },
  );
  return `${run.stdout}${run.stderr}`;
}

/** ldns-dane's verdict on the served certificate against the record set as dig prints it from BIND. */
function ldnsDane(name: string, servedPem: string): { status: number | null; output: string } {
  const dir = tempDir('edgewiz-rollover-ldns-');
  const rrFile = join(dir, 'tlsa.rr');
  const certFile = join(dir, 'served.pem');
  const answer = execFileSync(DIG, ['+noall', '+answer', '+time=2', '+tries=2', '-p', String(bind.port), '@127.0.0.1', name, 'TLSA'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  writeFileSync(rrFile, answer);
  writeFileSync(certFile, servedPem);
  const run = spawnSync(LDNS_DANE, ['-d', '-n', '-c', certFile, '-t', rrFile, 'verify'], { encoding: 'utf8', timeout: 15_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Waits (bounded) until the gateway serves the certificate with `fingerprint`. */
async function servedFingerprint(port: number, fingerprint: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  let served = '';
  while (Date.now() < deadline) {
    const probe = await probeXmppServer({ host: '127.0.0.1', port, domain: 'contoso.com', starttls: true, timeoutMs: 3000 });
    served = probe.tls?.certificate?.fingerprint256 ?? '';
    if (served === fingerprint) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return served;
}

const fingerprintOf = (pem: string) => new X509Certificate(pem).fingerprint256;
const certificatePem = (dataDir: string, id: string): string =>
  (JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')).certificates as { id: string; certificatePem: string }[]).find(
    (entry) => entry.id === id,
  )!.certificatePem;

describe('DANE key rollover (BIND 9, pebble, Prosody, OpenSSL, ldns-dane)', () => {
  it('renewal publishes the next record through RFC 2136, switches the gateway only after two TTLs, then removes the old record', async () => {
    const { dataDir, client, clock } = await setup();
    await client.call('acme.dns', { server: bind.server, tsigKeyFile: bind.keyFile, zones: ['contoso.com', 'fabrikam.com'] });
    const first = await client.call('acme.order', { profile: profileInput({ request: { keySize: 2048 } }), assign: true });
    const port = await freePort();
    const directPort = await freePort();
    await must(dataDir, 'gateway', 'configure', '--port', String(port), '--tls-port', String(directPort), '--listen', '127.0.0.1');
    await must(dataDir, 'gateway', 'start');
    await must(dataDir, 'dns', 'settings', '--tlsa', 'on');
    const applied = nsupdate(bind, await must(dataDir, 'dns', 'records', '--format', 'nsupdate'));
    expect(applied.code, applied.output).toBe(0);
    const tlsaName = `_${port}._tcp.${EDGE}`;
    const directName = `_${directPort}._tcp.${EDGE}`;
    const firstPem = certificatePem(dataDir, first.id);
    const firstSpki = opensslSpki(firstPem);
    expect(digTlsa(tlsaName)).toEqual([`3 1 1 ${firstSpki}`]);
    expect(digTlsa(directName)).toEqual([`3 1 1 ${firstSpki}`]);
    expect(opensslDane(directPort, digTlsa(directName), 'direct')).toMatch(/Verification: OK/);

    // Before: every record is right, checked against the key the running gateway serves.
    const before = await verify(dataDir);
    expect(before.code, JSON.stringify(before.records)).toBe(0);
    expect(before.tlsaKey).toMatchObject({ source: 'gateway', spkiSha256: firstSpki });

    // Renewal: a new key, its record next to the current one; the gateway keeps the current key.
    const renewed = await client.call('acme.renew', { id: first.id });
    expect(renewed).toMatchObject({ assigned: false, reloaded: false, rollover: { outcome: 'staged', problem: null, script: null } });
    const nextPem = certificatePem(dataDir, renewed.id);
    const nextSpki = opensslSpki(nextPem);
    expect(nextSpki).not.toBe(firstSpki);
    expect(renewed.rollover?.rollover).toMatchObject({ publishedBy: 'nsupdate', server: bind.server, currentSpki: firstSpki, nextSpki });
    // Both records were seen at once (nsupdate answers when BIND has them): two TTLs from now.
    expect(renewed.rollover?.rollover?.switchAt).toBe(new Date(clock.now.getTime() + 2 * TTL * 1000).toISOString());
    expect(digTlsa(tlsaName)).toEqual([`3 1 1 ${firstSpki}`, `3 1 1 ${nextSpki}`].sort());
    expect(await servedFingerprint(port, fingerprintOf(firstPem))).toBe(fingerprintOf(firstPem));

    // During: dns records shows both, dns verify passes on the set, OpenSSL and ldns-dane validate the gateway against it.
    const zone = await must(dataDir, 'dns', 'records', '--format', 'zone');
    expect(zone).toContain(`${tlsaName}. ${TTL} IN TLSA 3 1 1 ${firstSpki}`);
    expect(zone).toContain(`${tlsaName}. ${TTL} IN TLSA 3 1 1 ${nextSpki}`);
    const during = await verify(dataDir);
    expect(during.code, JSON.stringify(during.records)).toBe(0);
    expect(during.records.find((r) => r.name === tlsaName)).toMatchObject({
      status: 'ok',
      expected: `3 1 1 ${firstSpki}; 3 1 1 ${nextSpki}`,
    });
    expect(opensslDane(port, digTlsa(tlsaName))).toMatch(/Verification: OK/);
    // The direct-TLS port has its own record set, rolled over the same way.
    expect(digTlsa(directName)).toEqual([`3 1 1 ${firstSpki}`, `3 1 1 ${nextSpki}`].sort());
    expect(zone).toContain(`${directName}. ${TTL} IN TLSA 3 1 1 ${nextSpki}`);
    expect(opensslDane(directPort, digTlsa(directName), 'direct')).toMatch(/Verification: OK/);
    const duringLdns = ldnsDane(tlsaName, servedByGateway(port));
    expect(duringLdns.status, duringLdns.output).toBe(0);
    expect(duringLdns.output).toMatch(/dane-validated successfully/);
    const status = await must(dataDir, 'acme', 'status');
    expect(status).toContain(
      `DANE        rollover to Edge external (${renewed.id}): The gateway switches to "Edge external" once the new TLSA record has been seen for two TTLs (${TTL} s each): waiting until`,
    );
    expect(await must(dataDir, 'list')).toMatch(/DANE {8}The gateway switches to "Edge external"/);
    // Assigning the new certificate by hand now would break DANE: refused, nothing changes.
    const early = await cli(dataDir, 'assign', '--id', renewed.id);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`Run "edgewiz dns rollover --id ${renewed.id}"`);

    // One second short of two TTLs: still waiting, still the current key.
    clock.now = new Date(clock.now.getTime() + 2 * TTL * 1000 - 1000);
    const waiting = await client.call('acme.renewDue', {});
    expect(waiting.rollover).toMatchObject({ outcome: 'waiting', rollover: { waiting: { code: 'acme.dane-waiting' } } });
    expect(await servedFingerprint(port, fingerprintOf(firstPem))).toBe(fingerprintOf(firstPem));

    // Two TTLs: the gateway switches in place, and the old record goes.
    clock.now = new Date(clock.now.getTime() + 1000);
    const due = await client.call('acme.renewDue', {});
    expect(due.rollover).toMatchObject({ outcome: 'switched', reloaded: true, oldRemoved: true, problem: null });
    expect(await servedFingerprint(port, fingerprintOf(nextPem))).toBe(fingerprintOf(nextPem));
    expect(digTlsa(tlsaName)).toEqual([`3 1 1 ${nextSpki}`]);
    expect(digTlsa(directName)).toEqual([`3 1 1 ${nextSpki}`]);
    expect(opensslDane(directPort, digTlsa(directName), 'direct')).toMatch(/Verification: OK/);
    const after = await verify(dataDir);
    expect(after.code, JSON.stringify(after.records)).toBe(0);
    expect(after.tlsaKey).toMatchObject({ source: 'gateway', spkiSha256: nextSpki });
    expect(opensslDane(port, digTlsa(tlsaName))).toMatch(/Verification: OK/);
    expect((await client.call('acme.status', {})).rollover).toBeNull();

    // The old key's record alone: the served key has none, dane-mismatch.
    expect(
      nsupdate(
        bind,
        `zone contoso.com.\nupdate delete ${tlsaName}. TLSA\nupdate add ${tlsaName}. ${TTL} IN TLSA 3 1 1 ${firstSpki}\nsend\n`,
      ).code,
    ).toBe(0);
    const wrong = await verify(dataDir);
    expect(wrong.code).toBe(1);
    expect(wrong.records.find((r) => r.name === tlsaName)).toMatchObject({ status: 'dane-mismatch', found: `3 1 1 ${firstSpki}` });
    expect(opensslDane(port, digTlsa(tlsaName))).not.toMatch(/Verification: OK/);

    // Stopped gateway: verify says it used the assigned key.
    await must(dataDir, 'gateway', 'stop');
    const stopped = await cli(dataDir, 'dns', 'verify', '--server', bind.server);
    expect(stopped.stdout).toContain("TLSA checked against the assigned certificate's key: the gateway is not running");
  }, 240_000);

  it('a manual rollover without RFC 2136 settings prints the record and waits until it is seen, then for two TTLs', async () => {
    const { dataDir, client, clock } = await setup();
    await client.call('acme.http', { port: pebble.httpPort, address: '127.0.0.1' });
    const profile = profileInput({ request: { keySize: 2048 } });
    const first = await client.call('acme.order', { profile, assign: true });
    const other = await client.call('acme.order', { profile, assign: false });
    // Without TLSA records there is nothing to roll over: said, nothing staged.
    const off = await cli(dataDir, 'dns', 'rollover', '--id', other.id);
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('No TLSA records are published');
    expect((await client.call('acme.status', {})).rollover).toBeNull();
    await client.call('dns.settings.set', {
      settings: { ttl: TTL, priority: 0, weight: 0, publicIpv4: '127.0.0.1', publicIpv6: '', tlsa: true },
    });
    // The gateway's default port, not running here: the records are at _5269.
    const tlsaName = `_5269._tcp.${EDGE}`;
    // The zone is shared with the first test: its SRV record names another port.
    expect(nsupdate(bind, 'zone contoso.com.\nupdate delete _xmpp-server._tcp.contoso.com. SRV\nsend\n').code).toBe(0);
    expect(nsupdate(bind, await must(dataDir, 'dns', 'records', '--format', 'nsupdate')).code).toBe(0);
    const firstSpki = opensslSpki(certificatePem(dataDir, first.id));
    const nextSpki = opensslSpki(certificatePem(dataDir, other.id));

    const staged = JSON.parse(await must(dataDir, '--json', 'dns', 'rollover', '--id', other.id, '--server', bind.server));
    expect(staged).toMatchObject({
      outcome: 'staged',
      rollover: { publishedBy: 'admin', server: bind.server, seenAt: null, switchAt: null },
    });
    expect(staged.script).toBe(`zone contoso.com.\nupdate add ${tlsaName}. ${TTL} IN TLSA 3 1 1 ${nextSpki}\nsend\n`);
    expect(digTlsa(tlsaName)).toEqual([`3 1 1 ${firstSpki}`]);
    // A second rollover is refused while this one is pending.
    const again = await cli(dataDir, 'dns', 'rollover', '--id', first.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is under way already');
    // dns verify wants the next record too now.
    expect((await verify(dataDir)).records.find((r) => r.name === tlsaName)).toMatchObject({ status: 'missing' });

    // Not published: however long it waits, the gateway keeps its key.
    clock.now = new Date(clock.now.getTime() + 24 * 60 * 60 * 1000);
    const unseen = await client.call('dns.rollover', {});
    expect(unseen).toMatchObject({ outcome: 'waiting', rollover: { waiting: { code: 'acme.dane-not-seen' } } });
    expect(opensslSpki(readFileSync(join(dataDir, 'gateway', 'tls', 'gateway.crt'), 'utf8'))).toBe(firstSpki);

    // The admin publishes it; the two TTLs count from when it is seen.
    expect(nsupdate(bind, staged.script).code).toBe(0);
    const seen = await client.call('dns.rollover', {});
    expect(seen.outcome).toBe('waiting');
    expect(seen.rollover?.switchAt).toBe(new Date(clock.now.getTime() + 2 * TTL * 1000).toISOString());
    expect((await verify(dataDir)).records.find((r) => r.name === tlsaName)?.status).toBe('ok');
    clock.now = new Date(clock.now.getTime() + 2 * TTL * 1000);
    const switched = await client.call('dns.rollover', {});
    expect(switched).toMatchObject({ outcome: 'switched', oldRemoved: false, reloaded: false });
    expect(switched.script).toBe(`zone contoso.com.\nupdate delete ${tlsaName}. IN TLSA 3 1 1 ${firstSpki}\nsend\n`);
    expect(opensslSpki(readFileSync(join(dataDir, 'gateway', 'tls', 'gateway.crt'), 'utf8'))).toBe(nextSpki);
    expect(nsupdate(bind, switched.script!).code).toBe(0);
    expect(digTlsa(tlsaName)).toEqual([`3 1 1 ${nextSpki}`]);
    expect((await verify(dataDir)).code).toBe(0);
  }, 240_000);

  it('an order to assign while TLSA is on rolls over too: the wizard and request --immediate --assign never serve an unpublished key', async () => {
    const { dataDir, client, clock } = await setup();
    await client.call('acme.dns', { server: bind.server, tsigKeyFile: bind.keyFile, zones: ['contoso.com', 'fabrikam.com'] });
    const profile = profileInput({ request: { keySize: 2048 } });
    const first = await client.call('acme.order', { profile, assign: true });
    await client.call('dns.settings.set', {
      settings: { ttl: TTL, priority: 0, weight: 0, publicIpv4: '127.0.0.1', publicIpv6: '', tlsa: true },
    });
    const tlsaName = `_5269._tcp.${EDGE}`;
    // The zone is shared with the tests above: start from the current key's record alone.
    expect(nsupdate(bind, `zone contoso.com.\nupdate delete ${tlsaName}. TLSA\nsend\n`).code).toBe(0);
    expect(nsupdate(bind, await must(dataDir, 'dns', 'records', '--format', 'nsupdate')).code).toBe(0);
    const firstSpki = opensslSpki(certificatePem(dataDir, first.id));

    const second = await client.call('acme.order', { profile, assign: true });
    const nextSpki = opensslSpki(certificatePem(dataDir, second.id));
    expect(second).toMatchObject({ assigned: false, rollover: { outcome: 'staged', rollover: { publishedBy: 'nsupdate', nextSpki } } });
    expect(second.commands).toContain(`edgewiz dns rollover --id ${second.id}`);
    expect(digTlsa(tlsaName)).toEqual([`3 1 1 ${firstSpki}`, `3 1 1 ${nextSpki}`].sort());
    expect(opensslSpki(readFileSync(join(dataDir, 'gateway', 'tls', 'gateway.crt'), 'utf8'))).toBe(firstSpki);

    clock.now = new Date(clock.now.getTime() + 2 * TTL * 1000);
    const switched = JSON.parse(await must(dataDir, '--json', 'dns', 'rollover'));
    // The CLI runs on the real clock: for it the two TTLs have not passed yet.
    expect(switched).toMatchObject({ outcome: 'waiting' });
    const due = await must(dataDir, 'renew', '--due');
    expect(due).toContain(
      'DANE: The gateway switches to "Edge external" once the new TLSA record has been seen for two TTLs (60 s each): waiting until',
    );
    expect(due).toContain('DANE: edgewiz renew --due, edgewiz dns rollover or the desktop app switches it then.');
    expect(await client.call('dns.rollover', {})).toMatchObject({ outcome: 'switched', oldRemoved: true, script: null });
    expect(opensslSpki(readFileSync(join(dataDir, 'gateway', 'tls', 'gateway.crt'), 'utf8'))).toBe(nextSpki);
    expect(digTlsa(tlsaName)).toEqual([`3 1 1 ${nextSpki}`]);

    // BIND refuses the update (a key it does not know): the record is printed for the admin instead, and the gateway waits.
    const third = await client.call('acme.order', { profile, assign: false });
    await client.call('acme.dns', { server: bind.server, tsigKeyFile: bind.wrongKeyFile, zones: ['contoso.com', 'fabrikam.com'] });
    const refused = await client.call('dns.rollover', { id: third.id });
    expect(refused).toMatchObject({
      outcome: 'staged',
      problem: { code: 'acme.dns-refused' },
      rollover: { publishedBy: 'admin', server: bind.server, switchAt: null },
    });
    expect(refused.script).toBe(
      `zone contoso.com.\nupdate add ${tlsaName}. ${TTL} IN TLSA 3 1 1 ${opensslSpki(certificatePem(dataDir, third.id))}\nsend\n`,
    );
    expect(digTlsa(tlsaName)).toEqual([`3 1 1 ${nextSpki}`]);
    clock.now = new Date(clock.now.getTime() + 24 * 60 * 60 * 1000);
    expect(await client.call('dns.rollover', {})).toMatchObject({ outcome: 'waiting' });
    expect(opensslSpki(readFileSync(join(dataDir, 'gateway', 'tls', 'gateway.crt'), 'utf8'))).toBe(nextSpki);
  }, 240_000);
});
