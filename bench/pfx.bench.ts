import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import forge from 'node-forge';
import { parseCertificateFile } from '../electron/x509/certificate-file';
import { profileInput } from '../test/support/certificates';
import { memoryCore, sampleTopology } from '../test/support/core';
import { loopDelayResult, maxLoopDelay, median, type BenchResult } from './harness';

/**
 * (a) Opening a PFX written by GnuTLS certtool with its defaults (PBES2 AES-128 and a SHA-256
 * MAC, 600,000 iterations each): Edge Wizard's reader against `openssl pkcs12` reading the same
 * file. (b) The largest event-loop delay while a PFX is exported through the core's RPC, both
 * profiles, against the idle loop over the same spans; (c) forge writing one on the event loop,
 * as the export did before, for contrast.
 */

const OPENSSL = '/usr/bin/openssl';
const CERTTOOL = '/usr/bin/certtool';
const RUNS = 5;
const EXPORT_RUNS = 5;
const PASSWORD = 'bench-password';

function opensslRead(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(OPENSSL, ['pkcs12', '-in', file, '-passin', `pass:${PASSWORD}`, '-nodes', '-out', '/dev/null'], (error) =>
      error ? reject(error) : resolve(),
    );
  });
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'edgewiz-bench-pfx-'));
  try {
    const key = join(dir, 'edge.key');
    const cert = join(dir, 'edge.crt');
    execFileSync(
      OPENSSL,
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '30', '-subj', '/CN=sip.contoso.com'],
      { stdio: 'ignore' },
    );
    const pfx = join(dir, 'certtool.pfx');
    execFileSync(
      CERTTOOL,
      [
        '--to-p12',
        '--load-privkey',
        key,
        '--load-certificate',
        cert,
        '--outder',
        '--outfile',
        pfx,
        '--password',
        PASSWORD,
        '--p12-name',
        'bench',
      ],
      { stdio: 'ignore' },
    );
    const data = readFileSync(pfx);

    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let start = performance.now();
      const parsed = await parseCertificateFile(data, 'certtool.pfx', PASSWORD);
      ours.push(performance.now() - start);
      if (!parsed.privateKey) throw new Error('the PFX opened without its key');
      start = performance.now();
      await opensslRead(pfx);
      theirs.push(performance.now() - start);
    }
    const exports = await exportDelays(dir, key, cert);
    return [
      {
        name: 'certtool PFX (600,000 iterations) import',
        value: median(ours),
        unit: 'ms',
        baseline: { name: 'openssl pkcs12 on the same file', value: median(theirs) },
        target: 3,
        note: `median of ${RUNS}`,
      },
      ...exports,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** (b) and (c): the leaf is the request's, signed by the self-signed certificate `caCert` made. */
async function exportDelays(dir: string, caKey: string, caCert: string): Promise<BenchResult[]> {
  const { client, close } = memoryCore(join(dir, 'data'));
  try {
    await client.call('topology.set', { topology: sampleTopology });
    const csr = join(dir, 'request.req');
    const { id } = await client.call('certificates.request', { profile: profileInput({ request: { keySize: 2048 } }), out: csr });
    const leaf = join(dir, 'request-leaf.crt');
    execFileSync(
      OPENSSL,
      ['x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey, '-days', '30', '-copy_extensions', 'copy', '-out', leaf],
      {
        stdio: 'ignore',
      },
    );
    const bundle = join(dir, 'bundle.pem');
    writeFileSync(bundle, readFileSync(leaf, 'utf8') + readFileSync(caCert, 'utf8'));
    await client.call('certificates.import', { file: bundle });
    let counter = 0;
    const exportPfx = (legacy: boolean) =>
      client.call('certificates.export', { id, out: join(dir, `export-${counter++}.pfx`), password: PASSWORD, legacy });

    // Warm-up: the export's module, the master key, JIT.
    await exportPfx(false);
    await exportPfx(true);

    // Each export with its largest delay, then the same span idle, to tell the machine's own
    // scheduling noise (shared vCPUs) from the export's work.
    const delays: number[] = [];
    const idle: number[] = [];
    for (let i = 0; i < EXPORT_RUNS; i++) {
      for (const legacy of [false, true]) {
        const start = performance.now();
        delays.push(await maxLoopDelay(() => exportPfx(legacy)));
        const span = performance.now() - start;
        idle.push(await maxLoopDelay(() => new Promise((resolve) => setTimeout(resolve, span))));
      }
    }

    // (c) forge's writer with the aes256 profile's settings (and its own SHA-1 MAC), on the event loop.
    const forgeKey = forge.pki.privateKeyFromPem(readFileSync(caKey, 'utf8'));
    const forgeCert = forge.pki.certificateFromPem(readFileSync(caCert, 'utf8'));
    const naive = await maxLoopDelay(async () => {
      forge.pkcs12.toPkcs12Asn1(forgeKey, [forgeCert], PASSWORD, {
        algorithm: 'aes256',
        count: 10_000,
        saltSize: 16,
        friendlyName: 'bench',
        prfAlgorithm: 'sha256',
      } as Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3]);
    });

    return [
      loopDelayResult('pfx: max event-loop delay during an export over RPC, AES-256 and 3DES alternating', delays, idle, 'per export'),
      {
        name: 'pfx: max event-loop delay while forge writes a PFX (AES-256, 10,000 iterations)',
        value: naive,
        unit: 'ms',
        note: 'contrast only: how the export ran before, on the main thread',
      },
    ];
  } finally {
    close();
  }
}
