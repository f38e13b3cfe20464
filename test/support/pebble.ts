import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { freePort } from './gateway';
import { startedWhen, stopChild } from './process';

const PEBBLE = '/usr/bin/pebble';

export interface Pebble {
  /** https://127.0.0.1:PORT/dir */
  directory: string;
  /** The CA file that makes pebble's own TLS trusted (made here with openssl). */
  tlsCaFile: string;
  /** The port pebble connects to for http-01 validation. */
  httpPort: number;
  /** Pebble's issuing root (PEM), fetched from its management port after it started. */
  root: string;
  stop(): Promise<void>;
}

function fetchText(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, { ca, timeout: 5000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(body) : reject(new Error(`${url}: HTTP ${response.statusCode}`))));
    });
    request.on('timeout', () => request.destroy(new Error(`${url}: no answer within 5 s`)));
    request.on('error', reject);
  });
}

/**
 * Debian's pebble on free loopback ports, validating through `dnsServer` (host:port). Its TLS
 * certificate is made here; its roots change on every start, so they are fetched after it.
 * `nonceRejectPercent` makes it refuse that share of good nonces as badNonce.
 */
export async function startPebble(
  dir: string,
  dnsServer: string,
  httpPort: number,
  options: { nonceRejectPercent?: number } = {},
): Promise<Pebble> {
  if (!existsSync(PEBBLE)) throw new Error(`${PEBBLE} is missing: install the Debian package "pebble" (.ci/run does).`);
  mkdirSync(dir, { recursive: true });
  const caKey = join(dir, 'tls-ca.key');
  const caCert = join(dir, 'tls-ca.pem');
  const key = join(dir, 'tls.key');
  const csr = join(dir, 'tls.csr');
  const cert = join(dir, 'tls.pem');
  const ext = join(dir, 'tls.ext');
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe', timeout: 30_000 });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-keyout', caKey, '-out', caCert, '-subj', '/CN=Pebble TLS test CA']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', '/CN=localhost']);
  writeFileSync(ext, 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  run(['x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey, '-CAcreateserial', '-days', '2', '-extfile', ext, '-out', cert]);

  const [port, managementPort, tlsPort] = [await freePort(), await freePort(), await freePort()];
  const config = join(dir, 'pebble.json');
  writeFileSync(
    config,
    JSON.stringify({
      pebble: {
        listenAddress: `127.0.0.1:${port}`,
        managementListenAddress: `127.0.0.1:${managementPort}`,
        certificate: cert,
        privateKey: key,
        httpPort,
        tlsPort,
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
      },
    }),
  );
  const child = spawn(PEBBLE, ['-config', config, '-dnsserver', dnsServer], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // AUTHZREUSE 0: pebble otherwise reuses a valid authorization half the time, and an order that needs no challenge proves nothing.
    env: {
      ...process.env,
      PEBBLE_VA_NOSLEEP: '1',
      PEBBLE_AUTHZREUSE: '0',
      PEBBLE_WFE_NONCEREJECT: String(options.nonceRejectPercent ?? 0),
    },
  });
  await startedWhen(child, 'pebble', /Listening on|ACME directory available/, 15_000);
  const stop = () => stopChild(child);
  const ca = readFileSync(caCert, 'utf8');
  let root: string;
  try {
    root = await fetchText(`https://127.0.0.1:${managementPort}/roots/0`, ca);
  } catch (error) {
    await stop();
    throw error;
  }
  return { directory: `https://127.0.0.1:${port}/dir`, tlsCaFile: caCert, httpPort, root, stop };
}
