import { X509Certificate } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { TrustedRoot } from '../../shared/trust/rpc';
import { RpcError, type MessageParams } from '../../shared/rpc/protocol';
import { writeFileAtomic } from '../files/atomic-write';
import { errorMessage } from '../../shared/errors';

type TrustFailure = 'trust.not-pem' | 'trust.unreadable' | 'trust.not-root' | 'trust.expired';

/** A refused root: the reason is the translation key, the message the English sentence. */
class TrustError extends RpcError {
  constructor(
    readonly reason: TrustFailure,
    message: string,
    params?: MessageParams,
  ) {
    super('refused', message, [{ path: ['pem'], reason, message, ...(params ? { params } : {}) }]);
    this.name = 'TrustError';
  }
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** 64 hex digits, whatever separators the admin typed (AB:CD…, abcd…). */
const normalizeSha256 = (value: string) => value.replace(/[^0-9a-f]/gi, '').toUpperCase();

const isSelfSignedCa = (certificate: X509Certificate) =>
  certificate.ca && certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);

/**
 * The admin's private trusted roots, one PEM file per root in <dataDir>/trust (named by SHA-256),
 * so each add or remove is one atomic file operation.
 */
export class TrustService {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'trust');
  }

  certificates(): X509Certificate[] {
    let names: string[];
    try {
      names = readdirSync(this.dir)
        .filter((name) => name.endsWith('.pem'))
        .sort();
    } catch {
      return [];
    }
    return names.flatMap((name) => {
      try {
        return [new X509Certificate(readFileSync(join(this.dir, name)))];
      } catch {
        return [];
      }
    });
  }

  list(): TrustedRoot[] {
    return this.certificates().map((certificate) => ({
      sha256: certificate.fingerprint256,
      subject: certificate.subject.replace(/\n/g, ', '),
      notAfter: new Date(certificate.validTo).toISOString(),
    }));
  }

  /** Trusts the self-signed CA certificates in `pem` (a root, or a chain ending at one). */
  async add(pem: string): Promise<TrustedRoot[]> {
    const blocks = pem.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0)
      throw new TrustError(
        'trust.not-pem',
        'The file holds no PEM certificate (-----BEGIN CERTIFICATE-----). Convert a DER root first: openssl x509 -inform der -in ROOT.cer -out ROOT.pem',
      );
    const certificates = blocks.map((block) => {
      try {
        return new X509Certificate(block);
      } catch (error) {
        throw new TrustError('trust.unreadable', `A certificate in the file cannot be read: ${errorMessage(error)}`, {
          detail: errorMessage(error),
        });
      }
    });
    const roots = certificates.filter(isSelfSignedCa);
    if (roots.length === 0) {
      throw new TrustError(
        'trust.not-root',
        'The file holds no root certificate (a self-signed certification authority). Choose the root CA certificate of the private CA.',
      );
    }
    const now = Date.now();
    for (const root of roots) {
      if (new Date(root.validTo).getTime() < now)
        throw new TrustError(
          'trust.expired',
          `The root ${root.subject.replace(/\n/g, ', ')} expired on ${new Date(root.validTo).toISOString().slice(0, 10)}.`,
          { subject: root.subject.replace(/\n/g, ', '), date: new Date(root.validTo).toISOString().slice(0, 10) },
        );
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    for (const root of roots)
      await writeFileAtomic(join(this.dir, `${normalizeSha256(root.fingerprint256)}.pem`), root.toString(), { overwrite: true });
    return this.list();
  }

  remove(sha256: string): TrustedRoot[] {
    const wanted = normalizeSha256(sha256);
    const match = this.certificates().find((certificate) => normalizeSha256(certificate.fingerprint256) === wanted);
    if (!match)
      throw new RpcError('not-found', `No trusted root has the SHA-256 fingerprint ${sha256}. List them with: edgewiz trust list`, [], {
        reason: 'trust.not-found',
        params: { sha256 },
      });
    unlinkSync(join(this.dir, `${normalizeSha256(match.fingerprint256)}.pem`));
    return this.list();
  }

  /** All roots as one PEM bundle (Prosody's cafile); empty when there are none. */
  bundle(): string {
    return this.certificates()
      .map((certificate) => certificate.toString())
      .join('');
  }
}
