import { Worker } from 'node:worker_threads';

/**
 * RFC 7292 appendix B.2, the PKCS #12 key derivation (the MAC key, and the keys and IVs of the
 * legacy ciphers), on a worker thread: thousands of chained hashes are tens of milliseconds the
 * event loop must not spend. Reading and writing PFX files share it.
 */

export type Pkcs12Hash = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** Each hash's block size (v) and output size (u), in bytes. */
const blockBytes: Record<Pkcs12Hash, number> = { sha1: 64, sha224: 64, sha256: 64, sha384: 128, sha512: 128 };
export const digestBytes: Record<Pkcs12Hash, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

/**
 * The derivations as plain JavaScript for the worker (a string, so the bundles need no extra
 * file): each of the `iterations` rounds is one native hash call.
 */
const KDF_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const fill = (source, size) => { const out = Buffer.alloc(size); for (let i = 0; i < size; i++) out[i] = source[i % source.length]; return out; };
function derive({ hash, u, v, id, salt, password, iterations, length }) {
  const S = salt.length ? fill(salt, v * Math.ceil(salt.length / v)) : Buffer.alloc(0);
  const P = password.length ? fill(password, v * Math.ceil(password.length / v)) : Buffer.alloc(0);
  const I = Buffer.concat([S, P]);
  const D = Buffer.alloc(v, id);
  const out = [];
  // crypto.hash (one call, no object) is the fastest native hash where Node has it.
  const digest = crypto.hash ? (data) => crypto.hash(hash, data, 'buffer') : (data) => crypto.createHash(hash).update(data).digest();
  for (let produced = 0; produced < length; produced += u) {
    let A = digest(Buffer.concat([D, I]));
    for (let round = 1; round < iterations; round++) A = digest(A);
    out.push(A);
    if (produced + u >= length) break;
    const B = fill(A, v);
    for (let block = 0; block < I.length; block += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) { carry += I[block + k] + B[k]; I[block + k] = carry & 0xff; carry >>= 8; }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}
parentPort.postMessage(workerData.map(derive));
`;

export interface Pkcs12Derivation {
  hash: Pkcs12Hash;
  /** 1 for a key, 2 for an IV, 3 for a MAC key. */
  id: 1 | 2 | 3;
  salt: Buffer;
  /** As `bmpPassword` makes it. */
  password: Buffer;
  iterations: number;
  /** How many bytes to derive. */
  length: number;
}

/**
 * Runs the derivations one after the other on one worker thread: starting a worker costs more
 * than a few thousand hashes, so the keys one file needs share one.
 */
export function pkcs12Kdfs(derivations: Pkcs12Derivation[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(KDF_WORKER, {
      eval: true,
      workerData: derivations.map((job) => ({ ...job, u: digestBytes[job.hash], v: blockBytes[job.hash] })),
    });
    worker.once('message', (results: Uint8Array[]) => {
      resolve(results.map((result) => Buffer.from(result)));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the key derivation stopped (exit ${code})`));
    });
  });
}

/** `length` bytes for purpose `id` (1 key, 2 IV, 3 MAC) from a password made by `bmpPassword`. */
export async function pkcs12Kdf(
  hash: Pkcs12Hash,
  id: 1 | 2 | 3,
  salt: Buffer,
  password: Buffer,
  iterations: number,
  length: number,
): Promise<Buffer> {
  const [result] = await pkcs12Kdfs([{ hash, id, salt, password, iterations, length }]);
  return result;
}

/** The password as RFC 7292 wants it for its own KDF: UTF-16BE with a terminating zero (empty for no password at all). */
export function bmpPassword(password: string | null): Buffer {
  if (password === null) return Buffer.alloc(0);
  const le = Buffer.from(`${password}\0`, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}
