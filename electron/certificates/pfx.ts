import { randomBytes, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { PfxProfile } from '../../shared/certificates/installed';

/**
 * PKCS #12 files for the other edge pool members.
 *
 * - aes256 (default): the key bag under PBES2 (PBKDF2 with HMAC-SHA-256, AES-256-CBC) and an
 *   HMAC-SHA-256 MAC — what OpenSSL 3 and Windows Server 2019+ write.
 * - legacy: the key bag under pbeWithSHAAnd3-KeyTripleDES-CBC and an HMAC-SHA-1 MAC, the
 *   newest profile Windows Server 2012 R2 and 2016 can import.
 *
 * forge builds the bags; its MAC is always SHA-1, so the MAC is computed here instead.
 * Certificates are public and stay in an unencrypted bag, as Windows' own export may do.
 */

const { asn1, pki } = forge;

const ITERATIONS: Record<PfxProfile, number> = { aes256: 10_000, legacy: 2_000 };
const MAC_DIGEST: Record<PfxProfile, 'sha256' | 'sha1'> = { aes256: 'sha256', legacy: 'sha1' };

export interface PfxInput {
  privateKey: KeyObject;
  /** Leaf first, then the chain. */
  certificatesPem: string[];
  friendlyName: string;
  password: string;
  profile: PfxProfile;
}

function macData(safeDer: string, password: string, profile: PfxProfile): forge.asn1.Asn1 {
  const digest = MAC_DIGEST[profile];
  const md = digest === 'sha256' ? forge.md.sha256.create() : forge.md.sha1.create();
  const salt = randomBytes(16).toString('binary');
  const iterations = ITERATIONS[profile];
  // RFC 7292 appendix B: the MAC key is as long as the digest, derived with ID 3 and the same digest.
  const key = forge.pkcs12.generateKey(
    password,
    forge.util.createBuffer(salt),
    3,
    iterations,
    md.digestLength,
    digest === 'sha256' ? forge.md.sha256.create() : forge.md.sha1.create(),
  );
  const hmac = forge.hmac.create();
  hmac.start(md, key);
  hmac.update(safeDer);
  const mac = hmac.digest().getBytes();
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(pki.oids[digest]).getBytes()),
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
      ]),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, mac),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, salt),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(iterations).getBytes()),
  ]);
}

/** The DER bytes of a password-protected PFX with the key, the leaf and its chain. */
export function buildPfx(input: PfxInput): Buffer {
  const keyPem = input.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const key = pki.privateKeyFromPem(keyPem);
  const certificates = input.certificatesPem.map((pem) => pki.certificateFromPem(pem));
  // PBES2 runs PBKDF2 over the password's UTF-8 bytes (as OpenSSL does); the PKCS #12 KDF of
  // the legacy profile and of the MAC takes the text itself and makes a BMPString of it.
  const keyPassword = input.profile === 'aes256' ? forge.util.encodeUtf8(input.password) : input.password;
  const pfx = forge.pkcs12.toPkcs12Asn1(key, certificates, keyPassword, {
    algorithm: input.profile === 'aes256' ? 'aes256' : '3des',
    prfAlgorithm: 'sha256',
    count: ITERATIONS[input.profile],
    saltSize: 16,
    friendlyName: input.friendlyName,
    generateLocalKeyId: true,
    useMac: false,
  } as Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3]);
  // PFX ::= SEQUENCE { version, authSafe ContentInfo { data, [0] OCTET STRING }, macData }
  const authSafe = (pfx.value as forge.asn1.Asn1[])[1];
  const octets = ((authSafe.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[0];
  (pfx.value as forge.asn1.Asn1[]).push(macData(octets.value as string, input.password, input.profile));
  return Buffer.from(asn1.toDer(pfx).getBytes(), 'binary');
}
