import { createCipheriv, createHash, createHmac, pbkdf2, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { bmpPassword, digestBytes, pkcs12Kdfs, type Pkcs12Derivation } from '../x509/pkcs12-kdf';
import { bmpString, explicit, integer, nullValue, octetString, oid, sequence, set } from '../x509/der';
import type { PfxProfile } from '../../shared/certificates/installed';

/**
 * PKCS #12 files for the other edge pool members.
 *
 * - aes256 (default): the key bag under PBES2 (PBKDF2 with HMAC-SHA-256, AES-256-CBC) and an
 *   HMAC-SHA-256 MAC — what OpenSSL 3 and Windows Server 2019+ write.
 * - legacy: the key bag under pbeWithSHAAnd3-KeyTripleDES-CBC and an HMAC-SHA-1 MAC, the
 *   newest profile Windows Server 2012 R2 and 2016 can import.
 *
 * Every key derivation runs off the event loop (PBKDF2 on libuv's thread pool, the PKCS #12 KDF
 * on a worker thread) and the ciphers are native, so an export never stalls the process that
 * also answers the UI and watches the gateway. Certificates are public and stay in an
 * unencrypted bag, as Windows' own export may do; the leaf's bag and the key's carry the friendly
 * name and a local key id (the leaf's SHA-1), which pair them.
 */

const ITERATIONS: Record<PfxProfile, number> = { aes256: 10_000, legacy: 2_000 };
const MAC_DIGEST: Record<PfxProfile, 'sha256' | 'sha1'> = { aes256: 'sha256', legacy: 'sha1' };
const SALT_BYTES = 16;

const OID = {
  data: '1.2.840.113549.1.7.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSha256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  pbeWithSha1And3DesCbc: '1.2.840.113549.1.12.1.3',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
};

const pbkdf2Async = promisify(pbkdf2);

export interface PfxInput {
  privateKey: KeyObject;
  /** Leaf first, then the chain. */
  certificatesPem: string[];
  friendlyName: string;
  password: string;
  profile: PfxProfile;
}

/** A ContentInfo of type data around DER bytes. */
const dataContent = (der: Buffer) => sequence(oid(OID.data), explicit(0, octetString(der)));

function encrypt(cipher: 'aes-256-cbc' | 'des-ede3-cbc', key: Buffer, iv: Buffer, plain: Buffer): Buffer {
  const encryptor = createCipheriv(cipher, key, iv);
  return Buffer.concat([encryptor.update(plain), encryptor.final()]);
}

/** EncryptedPrivateKeyInfo under PBES2: PBKDF2 with HMAC-SHA-256 over the password's UTF-8 bytes (as OpenSSL does), AES-256-CBC. */
async function pbes2(keyDer: Buffer, password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  const key = await pbkdf2Async(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const iv = randomBytes(16);
  try {
    const kdfParams = sequence(octetString(salt), integer(iterations), integer(32), sequence(oid(OID.hmacWithSha256), nullValue()));
    const algorithm = sequence(
      oid(OID.pbes2),
      sequence(sequence(oid(OID.pbkdf2), kdfParams), sequence(oid(OID.aes256Cbc), octetString(iv))),
    );
    return sequence(algorithm, octetString(encrypt('aes-256-cbc', key, iv, keyDer)));
  } finally {
    key.fill(0);
  }
}

/** The DER bytes of a password-protected PFX with the key, the leaf and its chain. */
export async function buildPfx(input: PfxInput): Promise<Buffer> {
  const { profile, password } = input;
  const iterations = ITERATIONS[profile];
  const certificates = input.certificatesPem.map((pem) => new X509Certificate(pem).raw);
  const attributes = set(
    sequence(oid(OID.localKeyId), set(octetString(createHash('sha1').update(certificates[0]).digest()))),
    sequence(oid(OID.friendlyName), set(bmpString(input.friendlyName))),
  );
  const certBags = certificates.map((der, index) =>
    sequence(
      oid(OID.certBag),
      explicit(0, sequence(oid(OID.x509Certificate), explicit(0, octetString(der)))),
      ...(index === 0 ? [attributes] : []),
    ),
  );

  const keySalt = randomBytes(SALT_BYTES);
  const macSalt = randomBytes(SALT_BYTES);
  const bmp = bmpPassword(password);
  // RFC 7292 appendix B: the MAC key is as long as the digest, derived with ID 3 and the same
  // digest; it does not depend on the contents, so it is derived while the key is encrypted.
  const digest = MAC_DIGEST[profile];
  const macJob: Pkcs12Derivation = { hash: digest, id: 3, salt: macSalt, password: bmp, iterations, length: digestBytes[digest] };
  const keyDer = input.privateKey.export({ type: 'pkcs8', format: 'der' });
  let shrouded: Buffer;
  let macKey: Buffer;
  try {
    if (profile === 'aes256') {
      [shrouded, [macKey]] = await Promise.all([pbes2(keyDer, password, keySalt, iterations), pkcs12Kdfs([macJob])]);
    } else {
      // RFC 7292 appendix C: the 3DES key and IV come from the PKCS #12 KDF too, on the same worker.
      const [key, iv, mac] = await pkcs12Kdfs([
        { hash: 'sha1', id: 1, salt: keySalt, password: bmp, iterations, length: 24 },
        { hash: 'sha1', id: 2, salt: keySalt, password: bmp, iterations, length: 8 },
        macJob,
      ]);
      const algorithm = sequence(oid(OID.pbeWithSha1And3DesCbc), sequence(octetString(keySalt), integer(iterations)));
      shrouded = sequence(algorithm, octetString(encrypt('des-ede3-cbc', key, iv, keyDer)));
      key.fill(0);
      macKey = mac;
    }
  } finally {
    keyDer.fill(0);
    bmp.fill(0);
  }
  const keyBag = sequence(oid(OID.shroudedKeyBag), explicit(0, shrouded), attributes);
  const authenticatedSafe = sequence(dataContent(sequence(...certBags)), dataContent(sequence(keyBag)));
  const mac = createHmac(digest, macKey).update(authenticatedSafe).digest();
  macKey.fill(0);
  const macData = sequence(sequence(sequence(oid(OID[digest]), nullValue()), octetString(mac)), octetString(macSalt), integer(iterations));
  // PFX ::= SEQUENCE { version 3, authSafe ContentInfo, macData }
  return sequence(integer(3), dataContent(authenticatedSafe), macData);
}
