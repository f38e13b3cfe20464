import { createHash, createPrivateKey, createPublicKey, randomBytes, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/cli';
import type { RpcClient } from '../../shared/rpc/client';
import { RpcError } from '../../shared/rpc/protocol';
import { openssl, opensslStatus, requireOpenssl, TestCa } from '../support/ca';
import { profileInput } from '../support/certificates';
import { memoryCore, sampleTopology, tempDir } from '../support/core';

const spkiSha256 = (pem: string) =>
  createHash('sha256')
    .update(createPublicKey(pem).export({ type: 'spki', format: 'der' }))
    .digest('hex');

let ca: TestCa;
let work: string;
beforeAll(() => {
  requireOpenssl();
  work = tempDir('edgewiz-ca-');
  ca = new TestCa(work);
});

type Setup = ReturnType<typeof memoryCore>;
const setups: Setup[] = [];
afterAll(() => setups.forEach((setup) => setup.close()));

async function setup(): Promise<Setup> {
  const s = memoryCore();
  setups.push(s);
  await s.client.call('topology.set', { topology: sampleTopology });
  return s;
}

let counter = 0;
/** A CSR from our engine, through the RPC; returns its id, path and public-key hash. */
async function request(client: RpcClient, overrides: { exportable?: boolean; friendlyName?: string } = {}) {
  const out = join(work, `req-${++counter}.req`);
  const result = await client.call('certificates.request', { profile: profileInput({ request: { keySize: 2048, ...overrides } }), out });
  return { id: result.id, csr: out, csrPem: result.csrPem, publicKeySha256: result.publicKeySha256 };
}

function write(name: string, data: string | Buffer): string {
  const path = join(work, name);
  writeFileSync(path, data);
  return path;
}

function p7b(leaf: string, name: string): string {
  const out = join(work, name);
  openssl(['crl2pkcs7', '-nocrl', '-certfile', leaf, '-certfile', ca.intCert, '-certfile', ca.rootCert, '-outform', 'DER', '-out', out]);
  return out;
}

async function refused(promise: Promise<unknown>): Promise<RpcError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RpcError) return error;
    throw error;
  }
  throw new Error('the call was not refused');
}

/** Every file under dir, relative. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path, base) : [relative(base, path)];
  });
}

function holdsPlainPrivateKey(data: Buffer): boolean {
  if (/PRIVATE KEY-----/.test(data.toString('latin1'))) return true;
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: data, format: 'der', type });
      return true;
    } catch {
      // not this kind of key
    }
  }
  return false;
}

describe('import, assign and export against a real OpenSSL CA', () => {
  it('matches PEM, DER and P7B chains to their requests, assigns, exports both PFX profiles, and leaves no plain key outside gateway/tls', async () => {
    const { client, dataDir } = await setup();

    // PEM: leaf, intermediate and root in one file.
    const pem = await request(client, { friendlyName: 'Edge external PEM' });
    const pemLeaf = ca.sign(pem.csr, 'pem-leaf');
    const pemFile = write('issued.pem', ca.pemBundle(pemLeaf));
    const imported = await client.call('certificates.import', { file: pemFile });
    expect(imported.id).toBe(pem.id);
    expect(imported.state).toBe('issued');
    expect(imported.certificate.fromRequest).toBe(true);
    expect(imported.certificate.publicKeySha256).toBe(pem.publicKeySha256);
    expect(imported.certificate.sans).toEqual(['sip.contoso.com', 'webcon.contoso.com', 'sip.fabrikam.com', 'contoso.com']);
    expect(imported.certificate.chain.map((c) => c.subject)).toEqual([
      'CN=Test Issuing CA 1, O=Test Trust, C=US',
      'CN=Test Root CA, O=Test Trust, C=US',
    ]);
    const x509 = new X509Certificate(readFileSync(pemLeaf));
    expect(imported.sha1).toBe(x509.fingerprint.replace(/:/g, ''));
    expect(imported.sha1).toMatch(/^[0-9A-F]{40}$/);
    expect(imported.sha256).toBe(x509.fingerprint256.replace(/:/g, ''));
    expect(imported.findings).toEqual([]);

    // DER: the three certificates written one after the other, given as content like the UI does.
    const der = await request(client, { friendlyName: 'Edge external DER' });
    const derLeaf = ca.sign(der.csr, 'der-leaf');
    const derImported = await client.call('certificates.import', { content: ca.derBundle(derLeaf).toString('base64'), name: 'issued.cer' });
    expect(derImported.id).toBe(der.id);
    expect(derImported.certificate.chain).toHaveLength(2);

    // P7B (DER PKCS #7 from crl2pkcs7), and the same as PEM.
    const p7 = await request(client, { friendlyName: 'Edge external P7B' });
    const p7Leaf = ca.sign(p7.csr, 'p7-leaf');
    const p7Imported = await client.call('certificates.import', { file: p7b(p7Leaf, 'issued.p7b') });
    expect(p7Imported.id).toBe(p7.id);
    expect(p7Imported.certificate.chain).toHaveLength(2);
    const p7pem = await request(client, { friendlyName: 'Edge external P7B PEM' });
    const p7pemLeaf = ca.sign(p7pem.csr, 'p7pem-leaf');
    const p7pemFile = join(work, 'issued-pem.p7b');
    openssl(['crl2pkcs7', '-nocrl', '-certfile', p7pemLeaf, '-certfile', ca.intCert, '-out', p7pemFile]);
    const chainless = await refused(client.call('certificates.import', { file: p7pemFile }));
    expect(chainless.issues[0].reason).toBe('import.chain');
    openssl(['crl2pkcs7', '-nocrl', '-certfile', p7pemLeaf, '-certfile', ca.intCert, '-certfile', ca.rootCert, '-out', p7pemFile]);
    expect((await client.call('certificates.import', { file: p7pemFile })).id).toBe(p7pem.id);

    const list = await client.call('certificates.list', {});
    expect(list.map((entry) => entry.state)).toEqual(['issued', 'issued', 'issued', 'issued']);

    // Assign: gateway.crt = leaf then intermediate; gateway.key = the CSR's key; 0600 in a 0700 folder.
    const assigned = await client.call('certificates.assign', { id: pem.id });
    expect(assigned.certificate.state).toBe('assigned');
    const tls = join(dataDir, 'gateway', 'tls');
    expect(assigned.files).toEqual({ certificate: join(tls, 'gateway.crt'), key: join(tls, 'gateway.key') });
    expect(statSync(tls).mode & 0o777).toBe(0o700);
    for (const file of ['gateway.crt', 'gateway.key']) expect(statSync(join(tls, file)).mode & 0o777).toBe(0o600);
    const served = readFileSync(join(tls, 'gateway.crt'), 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    expect(served.map((block) => new X509Certificate(block).subject.split('\n').pop())).toEqual([
      'CN=sip.contoso.com',
      'CN=Test Issuing CA 1',
    ]);
    expect(spkiSha256(readFileSync(join(tls, 'gateway.key'), 'utf8'))).toBe(pem.publicKeySha256);
    expect(openssl(['verify', '-CAfile', ca.rootCert, '-untrusted', join(tls, 'gateway.crt'), join(tls, 'gateway.crt')])).toContain(': OK');

    // Assigning another moves the gateway over; the first goes back to issued.
    await client.call('certificates.assign', { id: der.id });
    const states = Object.fromEntries((await client.call('certificates.list', {})).map((entry) => [entry.id, entry.state]));
    expect(states[pem.id]).toBe('issued');
    expect(states[der.id]).toBe('assigned');
    await client.call('certificates.assign', { id: pem.id });

    // Export: both profiles read by openssl; the key is the CSR's.
    const password = 'Pässw0rd 한';
    const passFile = write('pfx.pass', `${password}\n`);
    const aesOut = join(work, 'edge-aes.pfx');
    const aes = await client.call('certificates.export', { id: pem.id, out: aesOut, password });
    expect(aes.profile).toBe('aes256');
    expect(statSync(aesOut).mode & 0o777).toBe(0o600);
    const aesInfo = openssl(['pkcs12', '-info', '-in', aesOut, '-passin', `file:${passFile}`, '-nodes']);
    expect(aesInfo).toContain('MAC: sha256');
    expect(aesInfo).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration \d+, PRF hmacWithSHA256/);
    expect(aesInfo).toContain('friendlyName: Edge external PEM');
    expect(spkiSha256(aesInfo.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)![0])).toBe(pem.publicKeySha256);
    expect((aesInfo.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length).toBe(3);

    const legacyOut = join(work, 'edge-legacy.pfx');
    await client.call('certificates.export', { id: pem.id, out: legacyOut, password, legacy: true });
    for (const extra of [[], ['-legacy']]) {
      const info = openssl(['pkcs12', ...extra, '-info', '-in', legacyOut, '-passin', `file:${passFile}`, '-nodes']);
      expect(info).toContain('MAC: sha1');
      expect(info).toContain('Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC');
      expect(info).toContain('friendlyName: Edge external PEM');
      expect(spkiSha256(info.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)![0])).toBe(pem.publicKeySha256);
    }
    expect(opensslStatus(['pkcs12', '-info', '-in', legacyOut, '-passin', 'pass:wrong', '-nodes']).code).not.toBe(0);

    // The CLI: export refuses an existing file without --force, and lists every entry.
    const lines: string[] = [];
    const io = { stdout: (t: string) => lines.push(t), stderr: (t: string) => lines.push(t), env: {} };
    expect(
      await runCli(['--data-dir', dataDir, 'export', '--id', pem.id, '--out', legacyOut, '--password-file', passFile, '--legacy'], io),
    ).toBe(1);
    expect(lines.join('')).toContain('already exists');

    // No private key in plain form anywhere but gateway/tls, and nothing there readable by others.
    for (const file of walk(dataDir)) {
      const data = readFileSync(join(dataDir, file));
      if (file.startsWith(join('gateway', 'tls'))) {
        expect(statSync(join(dataDir, file)).mode & 0o077).toBe(0);
        continue;
      }
      expect(holdsPlainPrivateKey(data), file).toBe(false);
      expect(data.toString('latin1')).not.toContain(password);
    }
    expect(
      walk(dataDir)
        .filter((file) => file.startsWith(join('gateway', 'tls')))
        .sort(),
    ).toEqual([join('gateway', 'tls', 'gateway.crt'), join('gateway', 'tls', 'gateway.key')]);

    // Removing the assigned certificate removes the gateway's files; its encrypted key stays unless asked.
    const removed = await client.call('certificates.remove', { id: pem.id });
    expect(removed).toMatchObject({ keyDeleted: false, gatewayFilesRemoved: true });
    expect(existsSync(join(tls, 'gateway.key'))).toBe(false);
    expect(existsSync(join(tls, 'gateway.crt'))).toBe(false);
    expect(existsSync(join(dataDir, 'keys', `${pem.id}.key.enc`))).toBe(true);
    // …so the same certificate can be imported again and finds its key.
    const again = await client.call('certificates.import', { file: pemFile });
    expect(again.certificate.publicKeySha256).toBe(pem.publicKeySha256);
    expect(again.certificate.fromRequest).toBe(false);
    await client.call('certificates.remove', { id: again.id, deleteKey: true });
    expect(existsSync(join(dataDir, 'keys', `${pem.id}.key.enc`))).toBe(false);
  });

  it('imports a PFX with its key and no request, encrypting the key at rest, and refuses to export a non-exportable key', async () => {
    const { client, dataDir } = await setup();
    const keyFile = join(work, 'pfx-only.key');
    const csrFile = join(work, 'pfx-only.csr');
    openssl([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      csrFile,
      '-subj',
      '/CN=sip.contoso.com',
      '-addext',
      'subjectAltName=DNS:sip.contoso.com,DNS:contoso.com',
    ]);
    const leaf = ca.sign(csrFile, 'pfx-only');
    const pfx = join(work, 'pfx-only.pfx');
    const chainFile = write('chain.pem', ca.read(ca.intCert) + ca.read(ca.rootCert));
    openssl([
      'pkcs12',
      '-export',
      '-inkey',
      keyFile,
      '-in',
      leaf,
      '-certfile',
      chainFile,
      '-name',
      'From Windows',
      '-out',
      pfx,
      '-passout',
      'pass:secret',
    ]);
    const lines: string[] = [];
    const notes: string[] = [];
    const io = { stdout: (t: string) => lines.push(t), stderr: (t: string) => notes.push(t), env: {} };
    writeFileSync(join(work, 'secret.pass'), 'secret\n');
    expect(
      await runCli(['--data-dir', dataDir, '--json', 'import', '--file', pfx, '--password-file', join(work, 'secret.pass')], io),
      notes.join(''),
    ).toBe(0);
    const result = JSON.parse(lines.join('')) as { id: string; state: string; sha1: string; sha256: string; findings: unknown[] };
    expect(Object.keys(result).sort()).toEqual(['findings', 'id', 'sha1', 'sha256', 'state']);
    expect(result.state).toBe('issued');
    const view = await client.call('certificates.view', { id: result.id });
    expect(view.entry).toMatchObject({ friendlyName: 'From Windows', exportable: false, state: 'issued' });
    expect(view.daysLeft).toBeGreaterThanOrEqual(89);
    // The key is kept encrypted and opens as the certificate's key.
    const stored = readFileSync(join(dataDir, 'keys', `${result.id}.key.enc`));
    expect(holdsPlainPrivateKey(stored)).toBe(false);
    const exported = await refused(client.call('certificates.export', { id: result.id, out: join(work, 'no.pfx'), password: 'x' }));
    expect(exported.message).toContain('was not marked as exportable');
    expect(existsSync(join(work, 'no.pfx'))).toBe(false);
    // Assigned, the gateway gets the PFX's own key.
    await client.call('certificates.assign', { id: result.id });
    expect(spkiSha256(readFileSync(join(dataDir, 'gateway', 'tls', 'gateway.key'), 'utf8'))).toBe(
      spkiSha256(readFileSync(keyFile, 'utf8')),
    );

    lines.length = 0;
    expect(await runCli(['--data-dir', dataDir, '--json', 'list'], io)).toBe(0);
    const rows = JSON.parse(lines.join('')) as Record<string, unknown>[];
    expect(Object.keys(rows[0]).sort()).toEqual([
      'exportable',
      'id',
      'notAfter',
      'notBefore',
      'sans',
      'sha1',
      'sha256',
      'state',
      'subject',
      'usage',
    ]);
    expect(rows[0]).toMatchObject({ id: result.id, state: 'assigned', sha1: result.sha1, usage: 'externalEdge' });
  });

  it('lists pending requests with null dates and removes a pending key only when asked', async () => {
    const { client, dataDir } = await setup();
    const kept = await request(client);
    const dropped = await request(client);
    const lines: string[] = [];
    const io = { stdout: (t: string) => lines.push(t), stderr: (t: string) => lines.push(t), env: {} };
    expect(await runCli(['--data-dir', dataDir, '--json', 'list'], io)).toBe(0);
    expect(JSON.parse(lines.join(''))).toEqual(
      [kept, dropped].map((r) =>
        expect.objectContaining({ id: r.id, state: 'pending', notBefore: null, notAfter: null, sha1: null, sha256: null }),
      ),
    );
    await client.call('certificates.remove', { id: kept.id });
    await client.call('certificates.remove', { id: dropped.id, deleteKey: true });
    expect(existsSync(join(dataDir, 'keys', `${kept.id}.key.enc`))).toBe(true);
    expect(existsSync(join(dataDir, 'keys', `${dropped.id}.key.enc`))).toBe(false);
    expect(await client.call('certificates.list', {})).toEqual([]);
    expect(await runCli(['--data-dir', dataDir, 'assign', '--id', 'nope'], io)).toBe(1);
    expect(await runCli(['--data-dir', dataDir, 'assign'], io)).toBe(2);
  });
});

describe('bad certificate files are refused with a message naming the file, and change nothing', () => {
  let s: Setup;
  let pending: Awaited<ReturnType<typeof request>>;
  let goodLeaf: string;
  beforeAll(async () => {
    s = await setup();
    pending = await request(s.client);
    goodLeaf = ca.sign(pending.csr, 'bad-base');
  });

  async function expectRefused(args: Parameters<RpcClient['call']>[1] & object, reason: string, message: RegExp): Promise<void> {
    const config = join(s.dataDir, 'config.json');
    const before = readFileSync(config);
    const keysBefore = readdirSync(join(s.dataDir, 'keys')).sort();
    const error = await refused(s.client.call('certificates.import', args as never));
    expect(error.code).toBe('refused');
    expect(error.issues[0]?.reason).toBe(reason);
    expect(error.message).toMatch(message);
    expect(readFileSync(config).equals(before)).toBe(true);
    expect(readdirSync(join(s.dataDir, 'keys')).sort()).toEqual(keysBefore);
    expect(existsSync(join(s.dataDir, 'gateway'))).toBe(false);
    expect((await s.client.call('certificates.list', {})).map((entry) => entry.state)).toEqual(['pending']);
  }

  it('no matching request and no key in the file', async () => {
    const csr = join(work, 'stranger.csr');
    openssl([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(work, 'stranger.key'),
      '-out',
      csr,
      '-subj',
      '/CN=sip.contoso.com',
      '-addext',
      'subjectAltName=DNS:sip.contoso.com,DNS:contoso.com',
    ]);
    const file = write('stranger.pem', ca.pemBundle(ca.sign(csr, 'stranger')));
    await expectRefused({ file }, 'import.no-match', new RegExp(`^${file}: no pending request .* and the file holds no private key`));
  });

  it('a wrong PFX password, and none at all', async () => {
    const pfx = join(work, 'wrong.pfx');
    openssl([
      'pkcs12',
      '-export',
      '-inkey',
      join(work, 'stranger.key'),
      '-in',
      join(work, 'stranger.crt'),
      '-out',
      pfx,
      '-passout',
      'pass:right',
    ]);
    await expectRefused({ file: pfx, password: 'wrong' }, 'import.wrong-password', /^.*wrong\.pfx: the password is wrong/);
    await expectRefused(
      { content: readFileSync(pfx).toString('base64'), name: 'wrong.pfx' },
      'import.password-required',
      /^wrong\.pfx is a PFX file protected by a password/,
    );
  });

  it('a UTF-16 file', async () => {
    const text = ca.pemBundle(goodLeaf);
    await expectRefused(
      { file: write('unicode.cer', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])) },
      'import.utf16',
      /unicode\.cer is saved as UTF-16/,
    );
    await expectRefused(
      { content: Buffer.from(text, 'utf16le').toString('base64'), name: 'nobom.cer' },
      'import.utf16',
      /^nobom\.cer is saved as UTF-16/,
    );
  });

  it('garbage, binary and text', async () => {
    await expectRefused({ file: write('random.cer', randomBytes(600)) }, 'import.garbage', /random\.cer is not a certificate file/);
    await expectRefused(
      { content: Buffer.from('Thank you for your order!\n').toString('base64'), name: 'mail.txt' },
      'import.garbage',
      /^mail\.txt is not a certificate file/,
    );
    await expectRefused(
      { content: Buffer.from([0x30, 0x82, 0x05, 0x00, 0x01]).toString('base64'), name: 'cut.der' },
      'import.garbage',
      /^cut\.der is not a certificate file/,
    );
    await expectRefused({ content: '', name: 'empty.cer' }, 'import.empty', /^empty\.cer is empty/);
  });

  it('an expired and a not-yet-valid certificate', async () => {
    const day = 86_400_000;
    const names = ['sip.contoso.com', 'contoso.com'];
    const expired = ca.signWithDates(pending.csrPem, new Date(Date.now() - 400 * day), new Date(Date.now() - 2 * day), names);
    await expectRefused(
      { file: write('expired.pem', expired + ca.read(ca.intCert) + ca.read(ca.rootCert)) },
      'import.expired',
      /expired\.pem: the certificate expired on \d{4}-\d\d-\d\d/,
    );
    const future = ca.signWithDates(pending.csrPem, new Date(Date.now() + 3 * day), new Date(Date.now() + 90 * day), names);
    await expectRefused(
      { file: write('future.pem', future + ca.read(ca.intCert) + ca.read(ca.rootCert)) },
      'import.not-yet-valid',
      /future\.pem: the certificate is not valid before/,
    );
  });

  it("names that don't cover the topology", async () => {
    const ext = write('narrow.ext', 'subjectAltName=DNS:sip.contoso.com,DNS:webcon.contoso.com\n');
    const leaf = ca.sign(pending.csr, 'narrow', { extfile: ext });
    await expectRefused(
      { file: write('narrow.pem', ca.pemBundle(leaf)) },
      'import.names',
      /narrow\.pem: the certificate's names \(sip\.contoso\.com, webcon\.contoso\.com\) do not cover contoso\.com/,
    );
  });

  it('missing intermediates', async () => {
    await expectRefused(
      { file: write('leaf-only.cer', ca.read(goodLeaf)) },
      'import.chain',
      /leaf-only\.cer: the chain is incomplete .*"CN=Test Issuing CA 1, O=Test Trust, C=US"/,
    );
    await expectRefused(
      { content: new X509Certificate(ca.read(goodLeaf)).raw.toString('base64'), name: 'leaf.der' },
      'import.chain',
      /^leaf\.der: the chain is incomplete/,
    );
    // The intermediate without the private root it chains to: the chain stops at the intermediate.
    await expectRefused(
      { file: write('no-root.pem', ca.read(goodLeaf) + ca.read(ca.intCert)) },
      'import.chain',
      /the issuer of "CN=Test Issuing CA 1, O=Test Trust, C=US" \("CN=Test Root CA/,
    );
  });

  it('a password file that is a pipe, a folder or too long, without waiting or reading on', async () => {
    const fifo = join(work, 'password.fifo');
    execFileSync('mkfifo', [fifo]);
    const long = write('long.pass', 'x'.repeat(5000));
    const pfx = join(work, 'wrong.pfx');
    for (const [passwordFile, message] of [
      [fifo, /password\.fifo: is not a regular file .*\(a password file\)/],
      [work, /: is a folder \(a password file\)/],
      [long, /long\.pass: is 5000 bytes, more than the 4096 allowed \(a password file\)/],
    ] as const) {
      const notes: string[] = [];
      const io = { stdout: () => undefined, stderr: (t: string) => notes.push(t), env: {} };
      expect(await runCli(['--data-dir', s.dataDir, 'import', '--file', pfx, '--password-file', passwordFile], io)).toBe(1);
      expect(notes.join('')).toMatch(message);
    }
    expect((await s.client.call('certificates.list', {})).map((entry) => entry.state)).toEqual(['pending']);
  });

  it('a file over the size limit', async () => {
    const error = await refused(s.client.call('certificates.import', { content: 'A'.repeat(1_500_000), name: 'huge.cer' }));
    expect(error.code).toBe('invalid-arguments');
    expect(error.message).toMatch(/larger than 1024 KB/);
  });
});
