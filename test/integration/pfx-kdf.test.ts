import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { RpcError } from '../../shared/rpc/protocol';
import { openssl, requireOpenssl, TestCa } from '../support/ca';
import { runEdgewiz } from '../support/cli';
import { memoryCore, sampleTopology, tempDir } from '../support/core';

const CERTTOOL = '/usr/bin/certtool';

let ca: TestCa;
let work: string;
let keyFile: string;
let leaf: string;
let chainFile: string;

beforeAll(() => {
  requireOpenssl();
  if (!existsSync(CERTTOOL)) throw new Error(`${CERTTOOL} is missing: install the Debian package "gnutls-bin" (.ci/run does).`);
  work = tempDir('edgewiz-pfx-');
  ca = new TestCa(work);
  keyFile = join(work, 'edge.key');
  const csr = join(work, 'edge.csr');
  openssl([
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    csr,
    '-subj',
    '/CN=sip.contoso.com',
    '-addext',
    'subjectAltName=DNS:sip.contoso.com,DNS:contoso.com',
  ]);
  leaf = ca.sign(csr, 'edge');
  chainFile = join(work, 'chain.pem');
  writeFileSync(chainFile, ca.read(ca.intCert) + ca.read(ca.rootCert));
});

/** A PFX as GnuTLS certtool writes it by default: PBES2 AES-128 and a SHA-256 MAC, 600,000 iterations each. */
function certtoolPfx(name: string, password: string): string {
  const out = join(work, name);
  const bundle = join(work, `${name}.pem`);
  writeFileSync(bundle, ca.read(leaf) + readFileSync(chainFile, 'utf8'));
  execFileSync(
    CERTTOOL,
    [
      '--to-p12',
      '--load-privkey',
      keyFile,
      '--load-certificate',
      bundle,
      '--outder',
      '--outfile',
      out,
      '--password',
      password,
      '--p12-name',
      'GnuTLS edge',
    ],
    { stdio: 'pipe' },
  );
  return out;
}

/** An OpenSSL PFX whose MAC iteration count is then rewritten to `iterations` (the MAC no longer matches: it is never reached). */
function pfxWithMacIterations(name: string, iterations: number): string {
  const source = join(work, `${name}.src.pfx`);
  openssl(['pkcs12', '-export', '-inkey', keyFile, '-in', leaf, '-certfile', chainFile, '-out', source, '-passout', 'pass:secret']);
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(readFileSync(source).toString('binary')));
  const mac = (asn1.value as forge.asn1.Asn1[])[2];
  const count = (mac.value as forge.asn1.Asn1[])[2];
  count.value = forge.asn1.integerToDer(iterations).getBytes();
  const out = join(work, name);
  writeFileSync(out, Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
  return out;
}

describe('PFX key derivation: capped, native and off the event loop', () => {
  it('imports a certtool PFX (600,000 iterations) with its key and friendly name through the CLI', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const topology = join(work, 'topology.json');
    writeFileSync(topology, JSON.stringify(sampleTopology));
    expect((await runEdgewiz(['--data-dir', dataDir, 'topology', 'set', '--file', topology])).code).toBe(0);
    const pfx = certtoolPfx('gnutls.pfx', 'Pässwort 1');
    writeFileSync(join(work, 'gnutls.pass'), 'Pässwort 1\n');
    const run = await runEdgewiz(['--data-dir', dataDir, '--json', 'import', '--file', pfx, '--password-file', join(work, 'gnutls.pass')], {
      timeoutMs: 60_000,
    });
    expect(run.code, run.stderr).toBe(0);
    const listed = JSON.parse((await runEdgewiz(['--data-dir', dataDir, '--json', 'list'])).stdout) as { subject: string; state: string }[];
    expect(listed).toMatchObject([{ subject: 'CN=sip.contoso.com', state: 'issued' }]);
    expect((await runEdgewiz(['--data-dir', dataDir, 'list'])).stdout).toContain('GnuTLS edge');
    const wrong = await runEdgewiz(['--data-dir', tempDir(), 'import', '--file', pfx], { timeoutMs: 60_000 });
    expect(wrong.code).toBe(1);
  });

  it('refuses 2^31-1 MAC iterations at once, naming the limit, without computing anything', async () => {
    const { client, close } = memoryCore();
    try {
      await client.call('topology.set', { topology: sampleTopology });
      const pfx = pfxWithMacIterations('huge.pfx', 2 ** 31 - 1);
      const error = await client.call('certificates.import', { file: pfx, password: 'secret' }).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(RpcError);
      expect((error as RpcError).issues[0]?.reason).toBe('import.pfx-cost');
      expect((error as RpcError).message).toContain('2147483647 key-derivation iterations; at most 10,000,000 are accepted');
      const over = await client
        .call('certificates.import', { file: pfxWithMacIterations('over.pfx', 10_000_001), password: 'secret' })
        .catch((caught: RpcError) => caught);
      expect((over as RpcError).issues[0]?.reason).toBe('import.pfx-cost');
    } finally {
      close();
    }
  });

  it('keeps answering other calls while a costly PFX is being opened', { timeout: 120_000 }, async () => {
    const { client, close } = memoryCore();
    try {
      await client.call('topology.set', { topology: sampleTopology });
      // 1,000,000 MAC iterations: allowed, and about a second of work — none of it on the event loop.
      const pfx = pfxWithMacIterations('slow.pfx', 1_000_000);
      const order: string[] = [];
      const importing = client.call('certificates.import', { file: pfx, password: 'secret' }).then(
        () => order.push('import'),
        () => order.push('import'),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      await client.call('app.status', {}).then(() => order.push('status'));
      await importing;
      expect(order).toEqual(['status', 'import']);
    } finally {
      close();
    }
  });
});
