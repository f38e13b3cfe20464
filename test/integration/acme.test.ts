import { execFileSync, spawn } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { join } from 'node:path';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeXmppServer } from '../../electron/xmpp/probe';
import { edgewizBin } from '../e2e/support';
import { startBind, type Bind } from '../support/bind';

/** Every name in the test zones points at loopback, where pebble validates http-01. */
const CA_REACHES_LOOPBACK = ['@ IN A 127.0.0.1', '* IN A 127.0.0.1'];
import { profileInput } from '../support/certificates';
import { sampleTopology, tempDir } from '../support/core';
import { freePort, killGateway, opensslFingerprint, requireProsody } from '../support/gateway';
import { startPebble, type Pebble } from '../support/pebble';

/**
 * ACME ordering and renewal against real parts: BIND 9 takes the RFC 2136 updates (TSIG) and
 * answers pebble's lookups; pebble is the CA; Prosody is the gateway. Everything through the
 * built `edgewiz` CLI as a process.
 */

let work: string;
let bind: Bind;
let pebble: Pebble;
/** Pebble's TLS CA and its issuing root in one file: what an admin of a private ACME CA gives. */
let caFile: string;
const gateways: string[] = [];

beforeAll(async () => {
  requireProsody();
  work = tempDir('edgewiz-acme-');
  bind = await startBind(join(work, 'bind'), ['contoso.com', 'fabrikam.com'], CA_REACHES_LOOPBACK);
  pebble = await startPebble(join(work, 'pebble'), bind.server, await freePort());
  caFile = join(work, 'acme-ca.pem');
  writeFileSync(caFile, readFileSync(pebble.tlsCaFile, 'utf8') + pebble.root);
}, 60_000);

afterAll(async () => {
  for (const dir of gateways) killGateway(dir);
  await pebble?.stop();
  await bind?.stop();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a child process (async: its http-01 listener must be reachable while it runs), bounded. */
function edgewiz(dataDir: string, args: string[], timeoutMs = 90_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [edgewizBin, '--data-dir', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function ok(dataDir: string, args: string[]): Promise<Run> {
  const run = await edgewiz(dataDir, args);
  expect(run.code, `edgewiz ${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}

/** A data dir with the topology, a profile file and the ACME account configured. */
async function setup(): Promise<{ dataDir: string; profile: string }> {
  const dataDir = tempDir('edgewiz-acme-data-');
  const topology = join(dataDir, '..', `${dataDir.split('/').pop()}-topology.json`);
  writeFileSync(topology, JSON.stringify(sampleTopology));
  const profile = join(dataDir, '..', `${dataDir.split('/').pop()}-profile.json`);
  writeFileSync(profile, JSON.stringify(profileInput({ request: { keySize: 2048 } })));
  await ok(dataDir, ['topology', 'set', '--file', topology]);
  const configured = JSON.parse(
    (
      await ok(dataDir, [
        '--json',
        'acme',
        'configure',
        '--directory',
        pebble.directory,
        '--email',
        'admin@contoso.com',
        '--ca-file',
        caFile,
      ])
    ).stdout,
  );
  expect(configured.account.accountUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
  return { dataDir, profile };
}

interface StoredEntry {
  id: string;
  state: string;
  sans: string[];
  certificatePem?: string;
  chainPem?: string[];
  csrPem?: string;
  publicKeySha256: string;
}
const storedEntries = (dataDir: string): StoredEntry[] => JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')).certificates;

/** openssl verify of the stored leaf against pebble's root, the stored intermediates untrusted. */
function opensslVerify(entry: StoredEntry): string {
  const dir = tempDir('edgewiz-acme-verify-');
  const leaf = join(dir, 'leaf.pem');
  const untrusted = join(dir, 'chain.pem');
  const root = join(dir, 'root.pem');
  writeFileSync(leaf, entry.certificatePem!);
  writeFileSync(untrusted, entry.chainPem!.slice(0, -1).join('\n'));
  writeFileSync(root, pebble.root);
  return execFileSync('openssl', ['verify', '-CAfile', root, '-untrusted', untrusted, leaf], { encoding: 'utf8' });
}

const challengeNames = (entry: { sans: string[] }) => entry.sans.map((name) => `_acme-challenge.${name}`);

describe('edgewiz request --immediate over ACME (pebble + BIND 9)', () => {
  it('acme configure without the private CA file: the TLS certificate is not trusted, said plainly, nothing configured', async () => {
    const dataDir = tempDir('edgewiz-acme-data-');
    const run = await edgewiz(dataDir, ['acme', 'configure', '--directory', pebble.directory]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/presented a TLS certificate this computer does not trust \([A-Z_]+\)\. Give its CA with --ca-file\./);
    expect(JSON.parse((await ok(dataDir, ['--json', 'acme', 'status'])).stdout)).toMatchObject({ account: null, ready: false });
  });

  it('retries the nonces a CA refuses as badNonce (pebble refusing a quarter of them) and still issues', async () => {
    const picky = await startPebble(join(work, 'pebble-picky'), bind.server, await freePort(), { nonceRejectPercent: 25 });
    try {
      const { dataDir, profile } = await setup();
      const both = join(work, 'picky-ca.pem');
      writeFileSync(both, readFileSync(picky.tlsCaFile, 'utf8') + picky.root);
      await ok(dataDir, ['acme', 'configure', '--directory', picky.directory, '--ca-file', both]);
      await ok(dataDir, [
        'acme',
        'dns',
        '--server',
        bind.server,
        '--tsig-key',
        bind.keyFile,
        '--zone',
        'contoso.com',
        '--zone',
        'fabrikam.com',
      ]);
      // An order is some twenty signed requests: without the retries, one of them would almost surely fail (1 - 0.75^20 > 99%).
      const result = JSON.parse((await ok(dataDir, ['--json', 'request', '--profile', profile, '--immediate'])).stdout);
      expect(storedEntries(dataDir)).toEqual([expect.objectContaining({ id: result.id, state: 'issued' })]);
    } finally {
      await picky.stop();
    }
  }, 120_000);

  it('orders by dns-01 through TSIG-signed RFC 2136 updates, imports the chain matched to the request key, and leaves no TXT record', async () => {
    const { dataDir, profile } = await setup();
    await ok(dataDir, [
      'acme',
      'dns',
      '--server',
      bind.server,
      '--tsig-key',
      bind.keyFile,
      '--zone',
      'contoso.com',
      '--zone',
      'fabrikam.com',
    ]);
    const started = Date.now();
    const run = await ok(dataDir, ['--json', 'request', '--profile', profile, '--immediate']);
    const seconds = (Date.now() - started) / 1000;
    const result = JSON.parse(run.stdout);
    console.log(`dns-01 order of ${result.sans.length} names: ${result.seconds} s in the CLI, ${seconds.toFixed(1)} s with process start`);
    expect(result.assigned).toBe(false);
    expect(result.commands.join('\n')).toMatch(
      /nsupdate -k '.*update\.key' <<'EOF'\nserver 127\.0\.0\.1 \d+\nzone contoso\.com\.\nupdate add _acme-challenge\.sip\.contoso\.com\. 60 IN TXT/,
    );

    const entries = storedEntries(dataDir);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    // Imported over the pending request: the same id, so the certificate carries the request's own key.
    expect(entry).toMatchObject({ id: result.id, state: 'issued' });
    expect(readdirSync(join(dataDir, 'keys')).sort()).toEqual(['acme-account.key.enc', `${result.id}.key.enc`].sort());
    expect(opensslVerify(entry)).toMatch(/leaf\.pem: OK/);
    const sanText = execFileSync('openssl', ['x509', '-noout', '-ext', 'subjectAltName'], {
      input: entry.certificatePem,
      encoding: 'utf8',
    });
    for (const name of entry.sans) expect(sanText).toContain(`DNS:${name}`);
    expect(entry.sans).toEqual(expect.arrayContaining(['sip.contoso.com', 'contoso.com', 'sip.fabrikam.com']));
    for (const name of challengeNames(entry)) expect(bind.txt(name), name).toEqual([]);

    const list = JSON.parse((await ok(dataDir, ['--json', 'list'])).stdout);
    expect(list).toEqual([expect.objectContaining({ id: result.id, state: 'issued', sans: entry.sans })]);
  }, 120_000);

  it('a TSIG key BIND does not know: DNS refused the update, a clear error, no TXT left, no request left', async () => {
    const { dataDir, profile } = await setup();
    await ok(dataDir, [
      'acme',
      'dns',
      '--server',
      bind.server,
      '--tsig-key',
      bind.wrongKeyFile,
      '--zone',
      'contoso.com',
      '--zone',
      'fabrikam.com',
    ]);
    const run = await edgewiz(dataDir, ['request', '--profile', profile, '--immediate']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `edgewiz: The DNS server ${bind.server.replace(/\./g, '\\.')} refused the update for [a-z.]+: .*(BADSIG|BADKEY|NOTAUTH|REFUSED|TSIG).* Check the TSIG key`,
      ),
    );
    expect(run.stderr).toMatch(/Publish challenge\s+failed/);
    for (const name of ['sip.contoso.com', 'contoso.com', 'sip.fabrikam.com', 'fabrikam.com'])
      expect(bind.txt(`_acme-challenge.${name}`)).toEqual([]);
    expect(storedEntries(dataDir)).toEqual([]);
  }, 120_000);

  it("orders by http-01 on the named port and assigns; a listener the CA cannot reach fails with the CA's own message", async () => {
    const { dataDir, profile } = await setup();
    const wrongPort = await freePort();
    await ok(dataDir, ['acme', 'http', '--port', String(wrongPort), '--address', '127.0.0.1']);
    const failed = await edgewiz(dataDir, ['request', '--profile', profile, '--immediate']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/The CA could not validate [a-z.]+: .*(connection refused|Connection refused)/i);
    expect(storedEntries(dataDir)).toEqual([]);

    await ok(dataDir, ['acme', 'http', '--port', String(pebble.httpPort), '--address', '127.0.0.1']);
    const result = JSON.parse((await ok(dataDir, ['--json', 'request', '--profile', profile, '--immediate', '--assign'])).stdout);
    console.log(`http-01 order: ${result.seconds} s`);
    expect(result).toMatchObject({ assigned: true, reloaded: false });
    const gatewayCert = join(dataDir, 'gateway', 'tls', 'gateway.crt');
    const [entry] = storedEntries(dataDir);
    expect(entry).toMatchObject({ id: result.id, state: 'assigned' });
    expect(opensslFingerprint(gatewayCert)).toBe(new X509Certificate(entry.certificatePem!).fingerprint256);
    // The gateway's key is the one the request engine generated for this CSR: it opens the certificate.
    expect(
      new X509Certificate(entry.certificatePem!).checkPrivateKey(
        createPrivateKey(readFileSync(join(dataDir, 'gateway', 'tls', 'gateway.key'))),
      ),
    ).toBe(true);
    expect(opensslVerify(entry)).toMatch(/OK/);
  }, 120_000);
});

/** An s2s stream to the gateway, through STARTTLS, kept open: what a federated partner holds. */
async function openS2sStream(port: number): Promise<{ tls: TLSSocket; fingerprint: string; closed: () => boolean }> {
  const header = `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' to='contoso.com' version='1.0'>`;
  const plain: Socket = connectTcp({ host: '127.0.0.1', port });
  const readUntil = (socket: Socket, pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no ${pattern} within 10 s: ${text}`)), 10_000);
      const onData = (chunk: Buffer) => {
        text += chunk.toString();
        if (pattern.test(text)) {
          clearTimeout(timer);
          socket.off('data', onData);
          resolve(text);
        }
      };
      socket.on('data', onData);
    });
  await new Promise<void>((resolve, reject) => plain.once('connect', resolve).once('error', reject));
  plain.write(header);
  await readUntil(plain, /<\/stream:features>/);
  plain.write(`<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`);
  await readUntil(plain, /<proceed/);
  const tls = connectTls({ socket: plain, servername: 'contoso.com', rejectUnauthorized: false });
  await new Promise<void>((resolve, reject) => tls.once('secureConnect', resolve).once('error', reject));
  tls.write(header);
  await readUntil(tls, /<\/stream:features>/);
  let closed = false;
  tls.on('close', () => (closed = true));
  tls.on('end', () => (closed = true));
  return { tls, fingerprint: tls.getPeerX509Certificate()!.fingerprint256, closed: () => closed };
}

describe('edgewiz renew with the gateway running', () => {
  it('renews an assigned certificate in place: new key, same names, same Prosody pid, new served certificate, the open s2s stream survives', async () => {
    const { dataDir, profile } = await setup();
    gateways.push(dataDir);
    await ok(dataDir, [
      'acme',
      'dns',
      '--server',
      bind.server,
      '--tsig-key',
      bind.keyFile,
      '--zone',
      'contoso.com',
      '--zone',
      'fabrikam.com',
    ]);
    const first = JSON.parse((await ok(dataDir, ['--json', 'request', '--profile', profile, '--immediate', '--assign'])).stdout);
    const port = await freePort();
    await ok(dataDir, ['gateway', 'configure', '--port', String(port), '--listen', '127.0.0.1']);
    const started = JSON.parse((await ok(dataDir, ['--json', 'gateway', 'start'])).stdout);
    expect(started.state).toBe('running');

    const stream = await openS2sStream(port);
    const [oldEntry] = storedEntries(dataDir);
    expect(stream.fingerprint).toBe(new X509Certificate(oldEntry.certificatePem!).fingerprint256);

    const renewed = JSON.parse((await ok(dataDir, ['--json', 'renew', '--id', first.id])).stdout);
    expect(renewed).toMatchObject({ assigned: true, reloaded: true });
    expect(renewed.id).not.toBe(first.id);

    const entries = storedEntries(dataDir);
    const newEntry = entries.find((entry) => entry.id === renewed.id)!;
    // The old one stays listed (it has not expired), no longer assigned; the new key is a new key.
    expect(entries.find((entry) => entry.id === first.id)).toMatchObject({ state: 'issued' });
    expect(newEntry).toMatchObject({ state: 'assigned', sans: oldEntry.sans });
    expect(newEntry.publicKeySha256).not.toBe(oldEntry.publicKeySha256);

    const status = JSON.parse((await ok(dataDir, ['--json', 'gateway', 'status'])).stdout);
    expect(status).toMatchObject({ state: 'running', pid: started.pid });
    const newFingerprint = new X509Certificate(newEntry.certificatePem!).fingerprint256;
    const deadline = Date.now() + 10_000;
    let served = '';
    let last: unknown;
    while (Date.now() < deadline) {
      const probe = await probeXmppServer({ host: '127.0.0.1', port, domain: 'contoso.com', starttls: true, timeoutMs: 3000 });
      last = probe;
      served = probe.tls?.certificate?.fingerprint256 ?? '';
      if (served === newFingerprint) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(served, JSON.stringify(last)).toBe(newFingerprint);
    // The stream opened before the renewal still takes writes and was not closed by the server.
    await new Promise<void>((resolve, reject) => stream.tls.write(' ', (error) => (error ? reject(error) : resolve())));
    expect(stream.closed()).toBe(false);
    stream.tls.destroy();

    // A failed renewal is recorded with a retry time, the assigned certificate keeps serving.
    await ok(dataDir, [
      'acme',
      'dns',
      '--server',
      bind.server,
      '--tsig-key',
      bind.wrongKeyFile,
      '--zone',
      'contoso.com',
      '--zone',
      'fabrikam.com',
    ]);
    const failed = await edgewiz(dataDir, ['renew', '--id', renewed.id]);
    expect(failed.code).toBe(1);
    const acmeStatus = JSON.parse((await ok(dataDir, ['--json', 'acme', 'status'])).stdout);
    const record = acmeStatus.renewals.find((renewal: { id: string }) => renewal.id === renewed.id);
    expect(record).toMatchObject({ failures: 1, lastError: { code: 'acme.dns-refused' } });
    expect(Date.parse(record.nextAttempt)).toBeGreaterThan(Date.now());
    expect((await ok(dataDir, ['list'])).stdout).toMatch(/Renewal\s+failed 1×: The DNS server .* refused the update/);
    expect(storedEntries(dataDir).find((entry) => entry.id === renewed.id)).toMatchObject({ state: 'assigned' });
    expect(opensslFingerprint(join(dataDir, 'gateway', 'tls', 'gateway.crt'))).toBe(newFingerprint);

    // --due: nothing is inside its window yet (pebble issues long-lived certificates), and the failure waits for its retry time.
    const due = JSON.parse((await ok(dataDir, ['--json', 'renew', '--due'])).stdout);
    expect(due.renewed).toEqual([]);
    expect(due.waiting.map((wait: { id: string }) => wait.id)).toEqual([renewed.id]);
    await ok(dataDir, ['gateway', 'stop']);
  }, 180_000);

  it('renew --due renews what is inside the window (set with --renew-days) and prints what it did', async () => {
    const { dataDir, profile } = await setup();
    await ok(dataDir, [
      'acme',
      'dns',
      '--server',
      bind.server,
      '--tsig-key',
      bind.keyFile,
      '--zone',
      'contoso.com',
      '--zone',
      'fabrikam.com',
    ]);
    const first = JSON.parse((await ok(dataDir, ['--json', 'request', '--profile', profile, '--immediate'])).stdout);
    const notDue = await ok(dataDir, ['renew', '--due']);
    expect(notDue.stdout).toMatch(new RegExp(`Not due: Edge external \\(${first.id}\\) until \\d{4}-`));
    await ok(dataDir, ['acme', 'configure', '--directory', pebble.directory, '--ca-file', caFile, '--renew-days', '3650']);
    const due = await ok(dataDir, ['renew', '--due']);
    expect(due.stdout).toMatch(new RegExp(`Renewed Edge external \\(${first.id}\\) → [0-9a-f-]{36}`));
    expect(storedEntries(dataDir)).toHaveLength(2);
  }, 120_000);
});
