import { chmod, mkdir, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { writeFileAtomic } from '../files/atomic-write';
import { gatewayTlsPaths, type GatewayTlsPaths } from '../paths';

// The gateway's TLS files are the only place a private key is ever written unencrypted, because
// the gateway (Prosody, or any TLS server) must read it: folder 0700, files 0600.

async function privateFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32' && ((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o700);
}

/** Writes the key, then the certificate (leaf first, then the chain), each atomically. */
export async function writeGatewayTls(dataDir: string, certificatesPem: string[], privateKey: KeyObject): Promise<GatewayTlsPaths> {
  const paths = gatewayTlsPaths(dataDir);
  await privateFolder(dirname(paths.dir));
  await privateFolder(paths.dir);
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  await writeFileAtomic(paths.key, keyPem, { overwrite: true, mode: 0o600 });
  const chain = certificatesPem.map((pem) => (pem.endsWith('\n') ? pem : `${pem}\n`)).join('');
  await writeFileAtomic(paths.certificate, chain, { overwrite: true, mode: 0o600 });
  return paths;
}

/** Resolves to whether anything was there to remove. */
export async function removeGatewayTls(dataDir: string): Promise<boolean> {
  const paths = gatewayTlsPaths(dataDir);
  let removed = false;
  for (const file of [paths.key, paths.certificate]) {
    try {
      await unlink(file);
      removed = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}
