import { createDecipheriv, createHmac, createPrivateKey, pbkdf2, timingSafeEqual, X509Certificate, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { bmpPassword, digestBytes, pkcs12Kdf, pkcs12Kdfs, type Pkcs12Hash } from './pkcs12-kdf';

/**
 * Opening a PKCS #12 (.pfx/.p12) file. forge only walks the ASN.1 (it reads BER too); every key
 * derivation runs in Node's native crypto away from the event loop — PBKDF2 on libuv's thread
 * pool, the PKCS #12 KDF (RFC 7292 B.2, for the MAC and the legacy ciphers) on a worker thread —
 * so a file asking for many iterations neither blocks `serve` nor keeps SIGTERM from working.
 * Iteration counts come from the file, so they are capped before any work is done.
 */

/** The largest iteration count accepted for one key derivation (GnuTLS writes 600,000, OpenSSL 3 2,048). */
const MAX_PFX_ITERATIONS = 10_000_000;
/** The most key derivations one file may ask for (a MAC, a certificate bag and a key bag need three). */
const MAX_PFX_DERIVATIONS = 16;

/** Why a PFX file was not opened: the caller words the message. */
export class Pkcs12Error extends Error {
  constructor(
    readonly failure: 'wrong-password' | 'iterations' | 'derivations' | 'unsupported' | 'malformed' | 'several-keys',
    detail: string,
  ) {
    super(detail);
    this.name = 'Pkcs12Error';
  }
}

export interface Pkcs12Contents {
  certificates: X509Certificate[];
  keys: KeyObject[];
  friendlyName?: string;
}

type Asn1 = forge.asn1.Asn1;

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
};

const digestOids: Record<string, Pkcs12Hash> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const prfOids: Record<string, Pkcs12Hash> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const pbes2Ciphers: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};
/** RFC 7292 Appendix C's password-based ciphers (SHA-1 KDF); RC2 is done by forge, as OpenSSL 3 only has it in its legacy provider. */
const pkcs12Ciphers: Record<string, { cipher: 'des-ede3-cbc' | 'rc2'; keyLength: number; rc2Bits?: number }> = {
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3-cbc', keyLength: 24 },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyLength: 16, rc2Bits: 128 },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyLength: 5, rc2Bits: 40 },
};

const pbkdf2Async = promisify(pbkdf2);
const malformed = (what: string) => new Pkcs12Error('malformed', what);
const bytes = (binary: string) => Buffer.from(binary, 'binary');

/** The children of a constructed node (throws on a primitive one). */
function parts(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || !Array.isArray(node.value)) throw malformed(what);
  return node.value;
}

/** An OCTET STRING's bytes, also when BER split it into pieces. */
function octets(node: Asn1 | undefined, what: string): Buffer {
  if (!node) throw malformed(what);
  if (typeof node.value === 'string') return bytes(node.value);
  return Buffer.concat(node.value.map((piece) => octets(piece, what)));
}

function oidOf(node: Asn1 | undefined, what: string): string {
  if (!node || node.type !== forge.asn1.Type.OID || typeof node.value !== 'string') throw malformed(what);
  return forge.asn1.derToOid(node.value);
}

function integer(node: Asn1 | undefined, what: string): number {
  if (!node || node.type !== forge.asn1.Type.INTEGER || typeof node.value !== 'string') throw malformed(what);
  const value = bytes(node.value);
  // Anything longer than 6 bytes is far above every cap: report it as such, not as a parse error.
  if (value.length > 6 && value.subarray(0, value.length - 6).some((byte) => byte !== 0)) return Number.MAX_SAFE_INTEGER;
  return value.length === 0 ? 0 : value.readUIntBE(Math.max(0, value.length - 6), Math.min(6, value.length));
}

function parseDer(data: Buffer, what: string): Asn1 {
  try {
    return forge.asn1.fromDer(forge.util.createBuffer(data.toString('binary')), { strict: false } as never);
  } catch {
    throw malformed(what);
  }
}

// --- Reading ---

class Budget {
  private used = 0;
  take(iterations: number): void {
    if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_PFX_ITERATIONS) {
      throw new Pkcs12Error(
        'iterations',
        `asks for ${iterations >= Number.MAX_SAFE_INTEGER ? 'more than 2^48' : iterations} key-derivation iterations; at most ${MAX_PFX_ITERATIONS.toLocaleString('en-US')} are accepted`,
      );
    }
    if (++this.used > MAX_PFX_DERIVATIONS)
      throw new Pkcs12Error('derivations', `asks for more than ${MAX_PFX_DERIVATIONS} key derivations`);
  }
}

/** Decrypts what an AlgorithmIdentifier protects with the password: PBES2, or the RFC 7292 ciphers. */
async function decrypt(algorithm: Asn1, data: Buffer, password: string, budget: Budget): Promise<Buffer> {
  const [oidNode, params] = parts(algorithm, 'encryption algorithm');
  const oid = oidOf(oidNode, 'encryption algorithm');
  let decipher: { update(data: Buffer): Buffer; final(): Buffer };
  if (oid === OID.pbes2) {
    const [kdf, scheme] = parts(params, 'PBES2 parameters');
    const [kdfOid, kdfParams] = parts(kdf, 'PBES2 key derivation');
    if (oidOf(kdfOid, 'PBES2 key derivation') !== OID.pbkdf2)
      throw new Pkcs12Error('unsupported', 'uses a key derivation other than PBKDF2');
    const [saltNode, countNode, ...rest] = parts(kdfParams, 'PBKDF2 parameters');
    const prfNode = rest.find((node) => node.type === forge.asn1.Type.SEQUENCE);
    const prf = prfNode ? prfOids[oidOf(parts(prfNode, 'PBKDF2 PRF')[0], 'PBKDF2 PRF')] : 'sha1';
    if (!prf) throw new Pkcs12Error('unsupported', 'uses an unknown PBKDF2 hash');
    const [cipherOid, ivNode] = parts(scheme, 'PBES2 cipher');
    const cipher = pbes2Ciphers[oidOf(cipherOid, 'PBES2 cipher')];
    if (!cipher) throw new Pkcs12Error('unsupported', 'uses an encryption algorithm Edge Wizard cannot read');
    const iterations = integer(countNode, 'PBKDF2 iteration count');
    budget.take(iterations);
    // PBES2 takes the password's UTF-8 bytes as they are (what OpenSSL and GnuTLS do).
    const key = await pbkdf2Async(Buffer.from(password, 'utf8'), octets(saltNode, 'PBKDF2 salt'), iterations, cipher.keyLength, prf);
    decipher = createDecipheriv(cipher.name, key, octets(ivNode, 'PBES2 IV'));
  } else {
    const known = pkcs12Ciphers[oid];
    if (!known) throw new Pkcs12Error('unsupported', 'uses an encryption algorithm Edge Wizard cannot read');
    const [saltNode, countNode] = parts(params, 'PBE parameters');
    const iterations = integer(countNode, 'PBE iteration count');
    budget.take(iterations);
    budget.take(iterations);
    const salt = octets(saltNode, 'PBE salt');
    const [key, iv] = await pkcs12Kdfs([
      { hash: 'sha1', id: 1, salt, password: bmpPassword(password), iterations, length: known.keyLength },
      { hash: 'sha1', id: 2, salt, password: bmpPassword(password), iterations, length: 8 },
    ]);
    if (known.cipher === 'rc2') {
      const rc2 = forge.rc2.createDecryptionCipher(forge.util.createBuffer(key.toString('binary')), known.rc2Bits!);
      rc2.start(forge.util.createBuffer(iv.toString('binary')), null as never);
      rc2.update(forge.util.createBuffer(data.toString('binary')));
      if (!rc2.finish()) throw new Pkcs12Error('wrong-password', 'cannot be decrypted with this password');
      return bytes(rc2.output.getBytes());
    }
    decipher = createDecipheriv(known.cipher, key, iv);
  }
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new Pkcs12Error('wrong-password', 'cannot be decrypted with this password');
  }
}

/** RFC 7292's integrity check; true when there is none. */
async function macMatches(mac: Asn1 | undefined, content: Buffer, password: string, budget: Budget): Promise<boolean> {
  if (!mac) return true;
  const [digestInfo, saltNode, countNode] = parts(mac, 'MAC');
  const [algorithm, digestNode] = parts(digestInfo, 'MAC digest');
  const hash = digestOids[oidOf(parts(algorithm, 'MAC algorithm')[0], 'MAC algorithm')];
  if (!hash) throw new Pkcs12Error('unsupported', 'uses an unknown integrity check (MAC) algorithm');
  const iterations = countNode ? integer(countNode, 'MAC iteration count') : 1;
  budget.take(iterations);
  const salt = octets(saltNode, 'MAC salt');
  const expected = octets(digestNode, 'MAC digest');
  const check = async (candidate: string | null) => {
    const key = await pkcs12Kdf(hash, 3, salt, bmpPassword(candidate), iterations, digestBytes[hash]);
    const actual = createHmac(hash, key).update(content).digest();
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  };
  if (await check(password)) return true;
  // "No password" is written both ways (an empty BMPString, or no bytes at all).
  if (password !== '') return false;
  budget.take(iterations);
  return check(null);
}

function friendlyNameOf(attributes: Asn1 | undefined): string | undefined {
  if (!attributes || !Array.isArray(attributes.value)) return undefined;
  for (const attribute of attributes.value) {
    const [oid, values] = parts(attribute, 'bag attribute');
    if (oidOf(oid, 'bag attribute') !== OID.friendlyName) continue;
    const value = parts(values, 'friendly name')[0];
    // forge hands a BMPString over already decoded.
    if (value && typeof value.value === 'string') return value.value;
  }
  return undefined;
}

function privateKey(der: Buffer): KeyObject {
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw malformed('private key');
  } finally {
    der.fill(0);
  }
}

async function readBags(safeContents: Buffer, password: string, budget: Budget, into: Pkcs12Contents): Promise<void> {
  for (const bag of parts(parseDer(safeContents, 'safe contents'), 'safe contents')) {
    const [typeNode, explicitValue, attributes] = parts(bag, 'bag');
    const type = oidOf(typeNode, 'bag type');
    const value = parts(explicitValue, 'bag value')[0];
    if (type === OID.certBag) {
      const [certType, certValue] = parts(value, 'certificate bag');
      if (oidOf(certType, 'certificate type') !== OID.x509Certificate) continue;
      try {
        into.certificates.push(new X509Certificate(octets(parts(certValue, 'certificate')[0], 'certificate')));
      } catch (error) {
        if (error instanceof Pkcs12Error) throw error;
        throw malformed('certificate');
      }
    } else if (type === OID.keyBag || type === OID.shroudedKeyBag) {
      let der: Buffer;
      if (type === OID.keyBag) der = bytes(forge.asn1.toDer(value).getBytes());
      else {
        const [algorithm, encrypted] = parts(value, 'encrypted key');
        der = await decrypt(algorithm, octets(encrypted, 'encrypted key'), password, budget);
      }
      into.keys.push(privateKey(der));
      into.friendlyName ??= friendlyNameOf(attributes);
    }
  }
}

/** Checks the password and reads the certificates and keys of a PFX file (its DER or BER bytes). */
export async function readPkcs12(der: Buffer, password: string): Promise<Pkcs12Contents> {
  const budget = new Budget();
  const [, authSafe, mac] = parts(parseDer(der, 'PFX'), 'PFX');
  const [contentType, explicitContent] = parts(authSafe, 'authenticated safe');
  if (oidOf(contentType, 'content type') !== OID.data)
    throw new Pkcs12Error('unsupported', 'is signed with a public key, which Edge Wizard does not read');
  const content = octets(parts(explicitContent, 'authenticated safe')[0], 'authenticated safe');
  // The MAC check (a worker thread) and the bags' decryption (the thread pool) run side by side;
  // nothing read is returned unless the MAC matched.
  const integrity = macMatches(mac, content, password, budget);
  const reading = readContents(content, password, budget).then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  if (!(await integrity)) throw new Pkcs12Error('wrong-password', 'failed its integrity check with this password');
  const outcome = await reading;
  if ('error' in outcome) throw outcome.error;
  return outcome.result;
}

async function readContents(content: Buffer, password: string, budget: Budget): Promise<Pkcs12Contents> {
  const result: Pkcs12Contents = { certificates: [], keys: [] };
  for (const info of parts(parseDer(content, 'authenticated safe'), 'authenticated safe')) {
    const [typeNode, explicitValue] = parts(info, 'content');
    const type = oidOf(typeNode, 'content type');
    if (type === OID.data) {
      await readBags(octets(parts(explicitValue, 'content')[0], 'content'), password, budget, result);
    } else if (type === OID.encryptedData) {
      const [, encryptedContentInfo] = parts(parts(explicitValue, 'encrypted data')[0], 'encrypted data');
      const [, algorithm, encrypted] = parts(encryptedContentInfo, 'encrypted content');
      // [0] IMPLICIT OCTET STRING: forge leaves the bytes (or BER pieces) under the context tag.
      await readBags(await decrypt(algorithm, octets(encrypted, 'encrypted content'), password, budget), password, budget, result);
    } else {
      throw new Pkcs12Error('unsupported', 'holds content encrypted to a public key, which Edge Wizard does not read');
    }
  }
  return result;
}
