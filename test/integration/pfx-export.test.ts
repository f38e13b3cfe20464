import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client';
import { openssl, opensslStatus, requireOpenssl, TestCa } from '../support/ca';
import { profileInput } from '../support/certificates';
import { runEdgewiz } from '../support/cli';
import { memoryCore, sampleTopology, tempDir } from '../support/core';
import { packagesLoaded } from '../support/load-trace';

const CERTTOOL = '/usr/bin/certtool';
const PASSWORD = 'Pässw0rd 한';

let ca: TestCa;
let work: string;
let setup: ReturnType<typeof memoryCore>;
let id: string;
let leafPem: string;
let publicKeySha256: string;

const spkiSha256 = (pem: string) =>
  createHash('sha256')
    .update(createPublicKey(pem).export({ type: 'spki', format: 'der' }))
    .digest('hex');

beforeAll(async () => {
  requireOpenssl();
  if (!existsSync(CERTTOOL)) throw new Error(`${CERTTOOL} is missing: install the Debian package "gnutls-bin" (.ci/run does).`);
  work = tempDir('edgewiz-pfx-export-');
  ca = new TestCa(work);
  setup = memoryCore();
  await setup.client.call('topology.set', { topology: sampleTopology });
  const csr = join(work, 'edge.req');
  const requested = await setup.client.call('certificates.request', {
    profile: profileInput({ request: { keySize: 2048, friendlyName: 'Edge external 한' } }),
    out: csr,
  });
  id = requested.id;
  publicKeySha256 = requested.publicKeySha256;
  const leaf = ca.sign(csr, 'edge');
  leafPem = ca.read(leaf);
  writeFileSync(join(work, 'issued.pem'), ca.pemBundle(leaf));
  await setup.client.call('certificates.import', { file: join(work, 'issued.pem') });
});

afterAll(() => setup?.close());

let exported = 0;
async function exportPfx(client: RpcClient, legacy: boolean): Promise<string> {
  const out = join(work, `edge-${++exported}${legacy ? '-legacy' : ''}.pfx`);
  await client.call('certificates.export', { id, out, password: PASSWORD, legacy });
  return out;
}

/** The largest lateness of a timer due every 10 ms while `action` runs, in ms. */
async function largestTimerLateness(action: () => Promise<unknown>): Promise<number> {
  let worst = 0;
  let due = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - due);
    due = now + 10;
  }, 10);
  try {
    // Let the timer run before the action, so a block at its very start is seen too.
    await new Promise((resolve) => setTimeout(resolve, 30));
    await action();
    await new Promise((resolve) => setTimeout(resolve, 30));
  } finally {
    clearInterval(timer);
  }
  return worst;
}

describe('PFX export: native, off the event loop, as interoperable as before', () => {
  it('writes both profiles with their algorithms, iteration counts, MAC, friendly name and local key id', async () => {
    const leafSha1 = new X509Certificate(leafPem).fingerprint.replace(/:/g, ' ');
    const aes = await exportPfx(setup.client, false);
    const legacy = await exportPfx(setup.client, true);
    const expected = [
      {
        file: aes,
        lines: [
          'MAC: sha256, Iteration 10000',
          'MAC length: 32, salt length: 16',
          'Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256',
        ],
        legacyProvider: [[]],
      },
      {
        file: legacy,
        lines: [
          'MAC: sha1, Iteration 2000',
          'MAC length: 20, salt length: 16',
          'Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2000',
        ],
        legacyProvider: [[], ['-legacy']],
      },
    ];
    for (const { file, lines, legacyProvider } of expected) {
      for (const extra of legacyProvider) {
        const info = openssl(['pkcs12', ...extra, '-info', '-in', file, '-passin', `pass:${PASSWORD}`, '-nodes']);
        for (const line of lines) expect(info).toContain(line);
        // The leaf's bag and the key's: the same friendly name and the leaf's SHA-1 as local key id.
        expect(info.match(/friendlyName: .*/g)).toHaveLength(2);
        expect(info.match(/localKeyID: .*/g)).toEqual([`localKeyID: ${leafSha1} `, `localKeyID: ${leafSha1} `]);
        expect(spkiSha256(info.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)![0])).toBe(publicKeySha256);
        expect((info.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length).toBe(3);
      }
      expect(opensslStatus(['pkcs12', '-info', '-in', file, '-passin', 'pass:wrong', '-nodes']).code).not.toBe(0);

      // GnuTLS checks the MAC with the password, and refuses a wrong one.
      const certtool = spawnSync(CERTTOOL, ['--p12-info', '--inder', '--infile', file, '--password', PASSWORD], { encoding: 'utf8' });
      expect(certtool.status, certtool.stderr).toBe(0);
      expect(certtool.stdout).toContain('Friendly name: Edge external 한');
      expect(certtool.stdout).toContain('PKCS #8 Encrypted key');
      expect(spawnSync(CERTTOOL, ['--p12-info', '--inder', '--infile', file, '--password', 'wrong']).status).not.toBe(0);

      // The app's own importer, in another data folder, finds the key and the name.
      const other = memoryCore();
      try {
        await other.client.call('topology.set', { topology: sampleTopology });
        const imported = await other.client.call('certificates.import', { file, password: PASSWORD });
        expect(imported.certificate.publicKeySha256).toBe(publicKeySha256);
        const [entry] = await other.client.call('certificates.list', {});
        expect(entry).toMatchObject({ friendlyName: 'Edge external 한', exportable: false });
      } finally {
        other.close();
      }
    }
    expect(readFileSync(aes).length).toBeGreaterThan(3000);
  });

  it('keeps a 10 ms timer on time while both profiles are exported through the RPC', async () => {
    // One export first, so the test runner's transform of the export's modules is not counted.
    await exportPfx(setup.client, false);
    // Before, forge derived the keys on the event loop: some 800 ms without a turn per export, on
    // every attempt. On a machine shared with other tests a stray stall can hit one attempt,
    // so the best of three counts, each against the idle loop over as long a span.
    const attempts: { worst: number; idle: number }[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const start = performance.now();
      const worst = await largestTimerLateness(async () => {
        await exportPfx(setup.client, false);
        await exportPfx(setup.client, true);
      });
      const span = performance.now() - start;
      const idle = await largestTimerLateness(() => new Promise((resolve) => setTimeout(resolve, span)));
      attempts.push({ worst, idle });
      if (worst < 100 + idle) break;
    }
    const best = Math.min(...attempts.map(({ worst, idle }) => worst - idle));
    const seen = attempts.map(({ worst, idle }) => `${worst.toFixed(1)} ms (idle ${idle.toFixed(1)} ms)`).join(', ');
    expect(best, seen).toBeLessThan(100);
  });

  it('exports from the built CLI, with the key derivation on its worker, and without loading forge', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const file = (name: string, content: string) => {
      writeFileSync(join(work, name), content);
      return join(work, name);
    };
    const edgewiz = async (args: string[]) => {
      const run = await runEdgewiz(['--data-dir', dataDir, ...args], { timeoutMs: 60_000 });
      expect(run.code, run.stderr).toBe(0);
      return run.stdout;
    };
    await edgewiz(['topology', 'set', '--file', file('cli-topology.json', JSON.stringify(sampleTopology))]);
    const csr = join(work, 'cli.req');
    const profile = profileInput({ request: { keySize: 2048, friendlyName: 'Edge CLI', exportable: true } });
    await edgewiz(['request', '--profile', file('cli-profile.json', JSON.stringify(profile)), '--out', csr]);
    await edgewiz(['import', '--file', file('cli-issued.pem', ca.pemBundle(ca.sign(csr, 'cli')))]);
    const [entry] = JSON.parse(await edgewiz(['--json', 'list'])) as { id: string }[];
    const passwordFile = file('cli.pass', `${PASSWORD}\n`);
    for (const legacy of [false, true]) {
      const out = join(work, `cli${legacy ? '-legacy' : ''}.pfx`);
      const args = ['--data-dir', dataDir, 'export', '--id', entry.id, '--out', out, '--password-file', passwordFile];
      const { code, packages } = await packagesLoaded(legacy ? [...args, '--legacy'] : args, {}, 60_000);
      expect(code).toBe(0);
      // forge alone takes about 100 ms of the event loop to load.
      expect(packages).not.toContain('node-forge');
      const info = openssl(['pkcs12', '-info', '-nokeys', '-noout', '-in', out, '-passin', `pass:${PASSWORD}`]);
      expect(info).toContain(legacy ? 'Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2000' : 'AES-256-CBC, Iteration 10000');
    }
  });
});
