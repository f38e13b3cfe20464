import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openssl, requireOpenssl, TestCa } from '../support/ca';
import { runEdgewiz } from '../support/cli';
import { profileInput } from '../support/certificates';
import { sampleTopology, tempDir } from '../support/core';

let ca: TestCa;
let work: string;
beforeAll(() => {
  requireOpenssl();
  work = tempDir('edgewiz-text-');
  ca = new TestCa(work);
});

/** A data dir with the topology and one pending request; returns the dir and the request file. */
async function pendingRequest(): Promise<{ dataDir: string; csr: string }> {
  const dataDir = tempDir();
  const topology = join(work, 'topology.json');
  writeFileSync(topology, JSON.stringify(sampleTopology));
  expect((await runEdgewiz(['--data-dir', dataDir, 'topology', 'set', '--file', topology])).code).toBe(0);
  const profile = join(work, 'profile.json');
  writeFileSync(profile, JSON.stringify(profileInput({ request: { keySize: 2048 } })));
  const csr = join(tempDir(), 'edge.req');
  const request = await runEdgewiz(['--data-dir', dataDir, 'request', '--profile', profile, '--out', csr]);
  expect(request.code, request.stderr).toBe(0);
  return { dataDir, csr };
}

/** Base64 in 76-character lines, without BEGIN/END lines, as a CA's mail shows it. */
const bareBase64 = (der: Buffer) => `${der.toString('base64').replace(/.{1,76}/g, '$&\r\n')}`;

describe('certificate files as admins have them (the built CLI, as a process)', () => {
  it('imports a .p7b pasted as base64 without its BEGIN/END lines', async () => {
    const { dataDir, csr } = await pendingRequest();
    const leaf = ca.sign(csr, `bare-${Date.now()}`);
    const p7b = join(work, 'chain.p7b');
    openssl(['crl2pkcs7', '-nocrl', '-certfile', leaf, '-certfile', ca.intCert, '-certfile', ca.rootCert, '-outform', 'DER', '-out', p7b]);
    const mailed = join(work, 'from-mail.txt');
    writeFileSync(mailed, bareBase64(readFileSync(p7b)));
    const run = await runEdgewiz(['--data-dir', dataDir, '--json', 'import', '--file', mailed]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).state).toBe('issued');
  });

  it('says the header lines are missing when bare base64 is not a certificate', async () => {
    const { dataDir } = await pendingRequest();
    const file = join(work, 'half.txt');
    writeFileSync(file, bareBase64(Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x00]), Buffer.alloc(200, 7)])));
    const run = await runEdgewiz(['--data-dir', dataDir, 'import', '--file', file]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('without the "-----BEGIN CERTIFICATE-----" and "-----END CERTIFICATE-----" lines');
  });

  it('explains a UTF-16 file by the PowerShell 5.1 redirection that made it', async () => {
    const { dataDir, csr } = await pendingRequest();
    const leaf = ca.sign(csr, `utf16-${Date.now()}`);
    const file = join(work, 'redirected.cer');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ca.pemBundle(leaf), 'utf16le')]));
    const run = await runEdgewiz(['--data-dir', dataDir, 'import', '--file', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Windows PowerShell 5.1 writes UTF-16 when output is redirected with > or Out-File');
    expect(run.stderr).toContain('Out-File -Encoding ascii');
  });
});
