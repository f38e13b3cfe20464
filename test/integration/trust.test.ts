import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcError } from '../../shared/rpc/protocol';
import { edgewizBin } from '../e2e/support';
import { requireOpenssl, TestCa } from '../support/ca';
import { profileInput } from '../support/certificates';
import { memoryCore, sampleTopology, tempDir } from '../support/core';

let ca: TestCa;
let work: string;
beforeAll(() => {
  requireOpenssl();
  work = tempDir('edgewiz-trust-');
  ca = new TestCa(work);
});
const setups: ReturnType<typeof memoryCore>[] = [];
afterAll(() => setups.forEach((setup) => setup.close()));

const edgewiz = (dataDir: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [edgewizBin, '--data-dir', dataDir, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('trusted private roots', () => {
  it('anchor an import chain that lacks its root, and a chain ending at an unknown root imports with a warning and the root to trust', async () => {
    const s = memoryCore();
    setups.push(s);
    await s.client.call('topology.set', { topology: sampleTopology });
    const request = async (n: number) => {
      const out = join(work, `req-${n}.req`);
      return { ...(await s.client.call('certificates.request', { profile: profileInput({ request: { keySize: 2048 } }), out })), out };
    };

    // Leaf + intermediate, no root: the private root is not known yet, so the chain is incomplete.
    const first = await request(1);
    const leaf = ca.sign(first.out, 'leaf1');
    const withoutRoot = join(work, 'leaf-int.pem');
    writeFileSync(withoutRoot, ca.read(leaf) + ca.read(ca.intCert));
    const refused = await s.client.call('certificates.import', { file: withoutRoot }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RpcError);
    expect((refused as RpcError).issues[0]?.reason).toBe('import.chain');

    const roots = await s.client.call('trust.add', { pem: ca.read(ca.rootCert) });
    expect(roots).toHaveLength(1);
    expect(roots[0].subject).toContain('Test Root CA');
    const anchored = await s.client.call('certificates.import', { file: withoutRoot });
    expect(anchored.untrustedRoot).toBeNull();

    // The full bundle with a root nobody trusts: imported, with that root offered.
    await s.client.call('trust.remove', { sha256: roots[0].sha256 });
    const second = await request(2);
    const bundle = join(work, 'bundle.pem');
    writeFileSync(bundle, ca.pemBundle(ca.sign(second.out, 'leaf2')));
    const warned = await s.client.call('certificates.import', { file: bundle });
    expect(warned.untrustedRoot).toMatchObject({ subject: expect.stringContaining('Test Root CA'), sha256: roots[0].sha256 });
    expect(await s.client.call('trust.add', { pem: warned.untrustedRoot!.pem })).toHaveLength(1);
  });

  it('refuses what is not a root, with a reason code', async () => {
    const s = memoryCore();
    setups.push(s);
    for (const [pem, reason] of [
      ['not a certificate', 'trust.not-pem'],
      [ca.read(ca.intCert), 'trust.not-root'],
    ] as const) {
      const error = await s.client.call('trust.add', { pem }).catch((caught: unknown) => caught);
      expect((error as RpcError).issues[0]?.reason).toBe(reason);
    }
    expect(await s.client.call('trust.list', {})).toEqual([]);
    await expect(s.client.call('trust.remove', { sha256: 'AB:CD' })).rejects.toThrow(/No trusted root has the SHA-256 fingerprint AB:CD/);
  });

  it('edgewiz trust add | list | remove, with a chain file too', () => {
    const dataDir = tempDir();
    const topology = join(dataDir, 'T.json');
    writeFileSync(topology, JSON.stringify(sampleTopology));
    expect(edgewiz(dataDir, 'topology', 'set', '--file', topology).code).toBe(0);
    expect(edgewiz(dataDir, 'trust', 'list').stdout).toContain('No trusted private roots');

    const chainFile = join(work, 'chain.pem');
    writeFileSync(chainFile, ca.read(ca.intCert) + ca.read(ca.rootCert));
    const added = edgewiz(dataDir, 'trust', 'add', '--file', chainFile);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/Trusted\. 1 private root:\nC=US, O=Test Trust, CN=Test Root CA/);
    const listed = JSON.parse(edgewiz(dataDir, '--json', 'trust', 'list').stdout);
    expect(listed).toHaveLength(1);
    expect(readFileSync(join(dataDir, 'trust', `${listed[0].sha256.replace(/:/g, '')}.pem`), 'utf8')).toBe(
      readFileSync(ca.rootCert, 'utf8'),
    );

    const notRoot = join(work, 'int-only.pem');
    writeFileSync(notRoot, ca.read(ca.intCert));
    const refused = edgewiz(dataDir, 'trust', 'add', '--file', notRoot);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/no root certificate/);

    const removed = edgewiz(dataDir, 'trust', 'remove', '--sha256', listed[0].sha256.replace(/:/g, '').toLowerCase());
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('Removed. 0 private roots left.');
  });
});
