import { createHash, X509Certificate } from 'node:crypto';

/** SHA-256 of a certificate's SubjectPublicKeyInfo, hex: the data of a TLSA 3 1 1 record. */
export function spkiSha256(certificate: string | Buffer): string {
  const spki = new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('hex');
}
