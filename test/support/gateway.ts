import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const PROSODY = '/usr/bin/prosody';

/** Missing Prosody is a failure, never a skip. */
export function requireProsody(): void {
  if (!existsSync(PROSODY)) throw new Error(`${PROSODY} is missing: install the Debian package "prosody" (.ci/run does).`);
}

/** A free high port on loopback (bound and released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Kills whatever Prosody a data dir's pidfile names: tests never leave one running. */
export function killGateway(dataDir: string): void {
  const pidfile = join(dataDir, 'gateway', 'prosody.pid');
  if (!existsSync(pidfile)) return;
  const pid = Number(readFileSync(pidfile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** A self-signed certificate for `domain` (CN and SAN) in the gateway's TLS folder, as Assign would leave it. */
export function writeTestGatewayTls(dataDir: string, domain: string): { certificate: string; key: string } {
  const dir = join(dataDir, 'gateway', 'tls');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const certificate = join(dir, 'gateway.crt');
  const key = join(dir, 'gateway.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '20',
      '-keyout',
      key,
      '-out',
      certificate,
      '-subj',
      `/CN=${domain}`,
      '-addext',
      `subjectAltName=DNS:${domain}`,
    ],
    { stdio: 'ignore' },
  );
  execFileSync('chmod', ['600', key]);
  return { certificate, key };
}

/** SHA-256 fingerprint as openssl prints it (AB:CD:…). */
export function opensslFingerprint(certificate: string): string {
  const out = execFileSync('openssl', ['x509', '-in', certificate, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
  return out.trim().split('=')[1];
}
