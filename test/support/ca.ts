import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export const OPENSSL = '/usr/bin/openssl';

export function requireOpenssl(): void {
  if (!existsSync(OPENSSL))
    throw new Error(
      `${OPENSSL} is missing: install the Debian package "openssl". These tests act as a CA with the real openssl and never skip.`,
    );
}

/** Runs openssl; throws with its output when it fails. */
export function openssl(args: string[], input?: string): string {
  const result = spawnSync(OPENSSL, args, { encoding: 'utf8', input });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

/** Like openssl() but returns the exit code and output instead of throwing. */
export function opensslStatus(args: string[]): { code: number | null; out: string } {
  const result = spawnSync(OPENSSL, args, { encoding: 'utf8' });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

/**
 * A two-level certification authority made with OpenSSL: a self-signed root and an
 * intermediate it signed. `sign` issues a leaf for a CSR the way public CAs do.
 */
export class TestCa {
  readonly rootCert: string;
  readonly rootKey: string;
  readonly intCert: string;
  readonly intKey: string;
  private serial = 1;

  constructor(readonly dir: string) {
    this.rootKey = join(dir, 'root.key');
    this.rootCert = join(dir, 'root.crt');
    this.intKey = join(dir, 'int.key');
    this.intCert = join(dir, 'int.crt');
    writeFileSync(
      join(dir, 'ca.ext'),
      'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
    );
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      this.rootKey,
      '-out',
      this.rootCert,
      '-days',
      '3650',
      '-subj',
      '/C=US/O=Test Trust/CN=Test Root CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    openssl([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      this.intKey,
      '-out',
      join(dir, 'int.csr'),
      '-subj',
      '/C=US/O=Test Trust/CN=Test Issuing CA 1',
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      join(dir, 'int.csr'),
      '-CA',
      this.rootCert,
      '-CAkey',
      this.rootKey,
      '-set_serial',
      '4096',
      '-days',
      '1825',
      '-extfile',
      join(dir, 'ca.ext'),
      '-out',
      this.intCert,
    ]);
  }

  /** Signs the CSR under the intermediate, copying its SANs, key usage and EKU (`-copy_extensions copy`). */
  sign(csrPath: string, name: string, options: { days?: number; extfile?: string } = {}): string {
    const out = join(this.dir, `${name}.crt`);
    const args = [
      'x509',
      '-req',
      '-in',
      csrPath,
      '-CA',
      this.intCert,
      '-CAkey',
      this.intKey,
      '-set_serial',
      String(0x1000 + this.serial++),
      '-days',
      String(options.days ?? 90),
      '-out',
      out,
    ];
    if (options.extfile) args.push('-extfile', options.extfile);
    else args.push('-copy_extensions', 'copy');
    openssl(args);
    return out;
  }

  /** A leaf with dates OpenSSL 3.0's `x509 -req` cannot set (past or future), signed by the intermediate with forge. */
  signWithDates(csrPem: string, notBefore: Date, notAfter: Date, sans: string[]): string {
    const csr = forge.pki.certificationRequestFromPem(csrPem);
    const issuer = forge.pki.certificateFromPem(readFileSync(this.intCert, 'utf8'));
    const cert = forge.pki.createCertificate();
    cert.publicKey = csr.publicKey as forge.pki.rsa.PublicKey;
    cert.serialNumber = (0x2000 + this.serial++).toString(16);
    cert.validity.notBefore = notBefore;
    cert.validity.notAfter = notAfter;
    cert.setSubject(csr.subject.attributes);
    cert.setIssuer(issuer.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: sans.map((value) => ({ type: 2, value })) },
    ]);
    cert.sign(forge.pki.privateKeyFromPem(readFileSync(this.intKey, 'utf8')), forge.md.sha256.create());
    return forge.pki.certificateToPem(cert);
  }

  read(path: string): string {
    return readFileSync(path, 'utf8');
  }

  /** Leaf, intermediate and root in one PEM file. */
  pemBundle(leaf: string): string {
    return [this.read(leaf), this.read(this.intCert), this.read(this.rootCert)].join('');
  }

  /** Leaf, intermediate and root as DER certificates written one after the other. */
  derBundle(leaf: string): Buffer {
    return Buffer.concat([leaf, this.intCert, this.rootCert].map((file) => new X509Certificate(readFileSync(file)).raw));
  }
}
