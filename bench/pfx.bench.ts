import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCertificateFile } from '../electron/x509/certificate-file';
import { median, type BenchResult } from './harness';

/**
 * Opening a PFX written by GnuTLS certtool with its defaults (PBES2 AES-128 and a SHA-256 MAC,
 * 600,000 iterations each): Edge Wizard's reader against `openssl pkcs12` reading the same file.
 */

const OPENSSL = '/usr/bin/openssl';
const CERTTOOL = '/usr/bin/certtool';
const RUNS = 5;
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
    return [
      {
        name: 'certtool PFX (600,000 iterations) import',
        value: median(ours),
        unit: 'ms',
        baseline: { name: 'openssl pkcs12 on the same file', value: median(theirs) },
        target: 3,
        note: `median of ${RUNS}`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
