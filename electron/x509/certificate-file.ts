import { createHash, createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { ChainCertificate } from '../../shared/certificates/installed';
import { subjectAttributeTypes, type SubjectAttribute, type SubjectAttributeType } from '../../shared/certificates/names';
import { RpcError, type MessageParams } from '../../shared/rpc/protocol';
import { errorMessage } from '../../shared/errors';

// The PKCS #12 reader walks ASN.1 with forge: loaded for a .pfx only, so listing and viewing stay light.
const pkcs12 = () => import('./pkcs12-read');

/**
 * Reading what a certification authority hands back: PEM or DER certificates (one or several),
 * PKCS #7 (.p7b, PEM or DER) with the chain, and PKCS #12 (.pfx/.p12) with the key. Node's
 * X509Certificate reads every certificate (RSA or not); PKCS #12 is opened in pkcs12-read.ts.
 */

export type ImportFailure =
  | 'import.utf16'
  | 'import.no-headers'
  | 'import.garbage'
  | 'import.empty'
  | 'import.too-large'
  | 'import.pfx-cost'
  | 'import.password-required'
  | 'import.wrong-password'
  | 'import.no-certificate'
  | 'import.key-mismatch'
  | 'import.ambiguous'
  | 'import.no-match'
  | 'import.duplicate'
  | 'import.expired'
  | 'import.not-yet-valid'
  | 'import.names'
  | 'import.chain'
  | 'import.no-topology'
  | 'import.unreadable'
  | 'import.missing'
  | 'import.not-a-file'
  | 'import.read-failed'
  | 'import.encrypted-pem-key'
  | 'import.unreadable-key'
  | 'import.unreadable-block'
  | 'import.pfx-unsupported'
  | 'import.pfx-damaged'
  | 'import.several-keys'
  | 'import.request-removed';

/** A refused import: `reason` and `params` (the file's name first) for the UI, the English message for the CLI. */
export class ImportError extends RpcError {
  constructor(
    readonly reason: ImportFailure,
    params: MessageParams,
    message: string,
    field = 'file',
  ) {
    super('refused', message, [{ path: [field], reason, message, params }]);
    this.name = 'ImportError';
  }
}

type FileFormat = 'pem' | 'der' | 'pkcs7' | 'pkcs12';

export interface ParsedFile {
  format: FileFormat;
  certificates: X509Certificate[];
  privateKey?: KeyObject;
  friendlyName?: string;
}

// --- A minimal DER walker: enough to split and classify without re-encoding anything. ---

interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

function readTlv(data: Buffer, offset: number, limit = data.length): Tlv {
  if (offset + 2 > limit) throw new Error('truncated');
  const tag = data[offset];
  let length = data[offset + 1];
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // Indefinite lengths (BER) and absurd sizes are not certificates.
    if (count === 0 || count > 4 || contentStart + count > limit) throw new Error('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + data[contentStart + i];
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new Error('truncated');
  return { tag, start: offset, contentStart, end };
}

function childrenOf(data: Buffer, parent: Tlv): Tlv[] {
  const result: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end;) {
    const child = readTlv(data, offset, parent.end);
    result.push(child);
    offset = child.end;
  }
  return result;
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OID = 0x06;
const CONTEXT_0 = 0xa0;
const OID_DATA = '2a864886f70d010701';
const OID_SIGNED_DATA = '2a864886f70d010702';

const oidHex = (data: Buffer, tlv: Tlv) => (tlv.tag === OID ? data.subarray(tlv.contentStart, tlv.end).toString('hex') : '');

function classify(der: Buffer): 'pkcs12' | 'pkcs7' | 'x509' | null {
  try {
    const root = readTlv(der, 0);
    if (root.tag !== SEQUENCE) return null;
    const parts = childrenOf(der, root);
    if (parts[0]?.tag === INTEGER && parts[1]?.tag === SEQUENCE) {
      const contentType = childrenOf(der, parts[1])[0];
      if (contentType && oidHex(der, contentType) === OID_DATA) return 'pkcs12';
    }
    if (parts[0]?.tag === OID && oidHex(der, parts[0]) === OID_SIGNED_DATA) return 'pkcs7';
    if (parts.length === 3 && parts[0].tag === SEQUENCE && parts[1].tag === SEQUENCE) return 'x509';
    return null;
  } catch {
    return null;
  }
}

/** The certificates [0] IMPLICIT SET of a SignedData, as the exact bytes they came in. */
function pkcs7Certificates(der: Buffer): Buffer[] {
  const root = readTlv(der, 0);
  const [, explicit] = childrenOf(der, root);
  if (!explicit || explicit.tag !== CONTEXT_0) throw new Error('no content');
  const signedData = childrenOf(der, explicit)[0];
  if (!signedData || signedData.tag !== SEQUENCE) throw new Error('no SignedData');
  const set = childrenOf(der, signedData).find((child) => child.tag === CONTEXT_0);
  if (!set) return [];
  return childrenOf(der, set)
    .filter((child) => child.tag === SEQUENCE)
    .map((child) => der.subarray(child.start, child.end));
}

/** One DER certificate, or several written one after the other (cat leaf.der ca.der > chain.der). */
function concatenatedDer(der: Buffer): Buffer[] {
  const result: Buffer[] = [];
  for (let offset = 0; offset < der.length;) {
    const tlv = readTlv(der, offset);
    if (tlv.tag !== SEQUENCE) throw new Error('not a certificate');
    result.push(der.subarray(tlv.start, tlv.end));
    offset = tlv.end;
  }
  return result;
}

// --- Text ---

/** Notepad's "Unicode" (UTF-16) files: a BOM, or ASCII with a NUL after every character. */
export function isUtf16(data: Buffer): boolean {
  if (data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))) return true;
  const sample = data.subarray(0, 64);
  if (sample.length < 8) return false;
  let zerosOdd = 0;
  let zerosEven = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2) zerosOdd++;
    else zerosEven++;
  }
  const half = sample.length / 2;
  return (zerosOdd > half * 0.8 && zerosEven === 0) || (zerosEven > half * 0.8 && zerosOdd === 0);
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;

function looksLikeText(data: Buffer): boolean {
  const head = data
    .subarray(0, 512)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  return /^\s*-----BEGIN /.test(head) || /^[\t\n\r\x20-\x7e]*$/.test(head);
}

function pemBlocks(text: string): { label: string; der: Buffer }[] {
  return [...text.matchAll(PEM_BLOCK)].map((match) => ({
    label: match[1],
    // Headers such as "Proc-Type:" are for encrypted keys, which are refused below.
    der: Buffer.from(match[2].replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, ''), 'base64'),
  }));
}

// --- PKCS #12 ---

async function openPkcs12(der: Buffer, name: string, password: string | undefined): Promise<ParsedFile> {
  let contents;
  try {
    contents = await (await pkcs12()).readPkcs12(der, password ?? '');
  } catch (error) {
    if (!(error instanceof (await pkcs12()).Pkcs12Error)) throw error;
    switch (error.failure) {
      case 'wrong-password':
        throw password
          ? new ImportError(
              'import.wrong-password',
              { file: name },
              `${name}: the password is wrong (the PFX file's integrity check failed with it). Enter the password the file was exported with.`,
              'password',
            )
          : new ImportError(
              'import.password-required',
              { file: name },
              `${name} is a PFX file protected by a password: enter the password it was exported with.`,
              'password',
            );
      case 'iterations':
      case 'derivations':
        throw new ImportError(
          'import.pfx-cost',
          { file: name, detail: error.message },
          `${name} was not opened: it ${error.message}. Export it again with the usual settings.`,
        );
      case 'several-keys':
      case 'unsupported':
        throw new ImportError(
          'import.pfx-unsupported',
          { file: name, detail: error.message },
          `${name} is a PFX file that ${error.message}. Export it again with AES-256 or 3DES encryption.`,
        );
      default:
        throw new ImportError(
          'import.pfx-damaged',
          { file: name, part: error.message },
          `${name} looks like a PFX file but cannot be read (its ${error.message} is damaged). Export it again from its source.`,
        );
    }
  }
  const { certificates, keys, friendlyName } = contents;
  if (keys.length > 1)
    throw new ImportError(
      'import.several-keys',
      { file: name },
      `${name} holds ${keys.length} private keys; import a PFX file with one certificate and its key.`,
    );
  return { format: 'pkcs12', certificates, ...(keys[0] ? { privateKey: keys[0] } : {}), ...(friendlyName ? { friendlyName } : {}) };
}

function x509(der: Buffer, name: string): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (error) {
    throw new ImportError(
      'import.unreadable',
      { file: name, detail: errorMessage(error) },
      `${name} holds a certificate that cannot be read (${errorMessage(error)}).`,
    );
  }
}

/**
 * Base64 without its BEGIN/END lines, as some CAs paste a certificate or a .p7b into a mail: read
 * it when it decodes to a certificate, PKCS #7 or PFX; otherwise say that the lines are missing.
 */
function headerlessBase64(text: string, name: string, password: string | undefined, garbage: () => ImportError): Promise<ParsedFile> {
  const compact = text.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').replace(/\s+/g, '');
  if (compact.length < 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw garbage();
  const der = Buffer.from(compact, 'base64');
  if (der[0] !== SEQUENCE || classify(der) === null) {
    throw new ImportError(
      'import.no-headers',
      { file: name },
      `${name} holds base64 text without the "-----BEGIN CERTIFICATE-----" and "-----END CERTIFICATE-----" lines, and it is not a certificate on its own. Copy the certificate again with both lines, or ask the certification authority for the .cer or .p7b file.`,
    );
  }
  return parseCertificateFile(der, name, password);
}

/** Reads any of the supported formats; the error names the file and says what to do. */
export async function parseCertificateFile(data: Buffer, name: string, password?: string): Promise<ParsedFile> {
  if (data.length === 0)
    throw new ImportError(
      'import.empty',
      { file: name },
      `${name} is empty. Choose the certificate file your certification authority sent.`,
    );
  if (isUtf16(data)) {
    throw new ImportError(
      'import.utf16',
      { file: name },
      `${name} is saved as UTF-16 ("Unicode") text, which certificate files never are. Windows PowerShell 5.1 writes UTF-16 when output is redirected with > or Out-File: write it again with Out-File -Encoding ascii (or Set-Content -Encoding ascii), or save it as ANSI or UTF-8 in a text editor, and import it again — or import the file exactly as the certification authority sent it.`,
    );
  }
  const garbage = () =>
    new ImportError(
      'import.garbage',
      { file: name },
      `${name} is not a certificate file: it is neither a PEM or DER certificate (.cer, .crt, .pem), a PKCS #7 chain (.p7b) nor a PFX file (.pfx, .p12). Choose the file your certification authority sent.`,
    );

  if (data[0] !== SEQUENCE && looksLikeText(data)) {
    const text = data.toString('latin1');
    const blocks = pemBlocks(text);
    if (blocks.length === 0) return headerlessBase64(text, name, password, garbage);
    const certificates: X509Certificate[] = [];
    let privateKey: KeyObject | undefined;
    let format: FileFormat = 'pem';
    for (const block of blocks) {
      if (/PRIVATE KEY/.test(block.label)) {
        if (block.label.startsWith('ENCRYPTED')) {
          throw new ImportError(
            'import.encrypted-pem-key',
            { file: name },
            `${name} holds an encrypted private key in PEM form; import a PFX file (.pfx) with the certificate and key instead.`,
          );
        }
        if (privateKey)
          throw new ImportError(
            'import.several-keys',
            { file: name },
            `${name} holds more than one private key; keep only the certificate's own key.`,
          );
        try {
          privateKey = createPrivateKey({ key: block.der, format: 'der', type: block.label === 'RSA PRIVATE KEY' ? 'pkcs1' : 'pkcs8' });
        } catch {
          throw new ImportError('import.unreadable-key', { file: name }, `${name} holds a private key that cannot be read.`);
        } finally {
          block.der.fill(0);
        }
        continue;
      }
      const kind = classify(block.der);
      if (kind === 'x509') certificates.push(x509(block.der, name));
      else if (kind === 'pkcs7') {
        format = 'pkcs7';
        certificates.push(...pkcs7Certificates(block.der).map((der) => x509(der, name)));
      } else if (kind === 'pkcs12') return openPkcs12(block.der, name, password);
      else if (/CERTIFICATE|PKCS7/.test(block.label))
        throw new ImportError(
          'import.unreadable-block',
          { file: name, label: block.label },
          `${name} has a "${block.label}" block that is not a readable certificate.`,
        );
    }
    if (certificates.length === 0) throw new ImportError('import.no-certificate', { file: name }, `${name} contains no certificate.`);
    return { format, certificates, ...(privateKey ? { privateKey } : {}) };
  }

  const kind = classify(data);
  if (kind === 'pkcs12') return openPkcs12(data, name, password);
  if (kind === 'pkcs7') {
    let ders: Buffer[];
    try {
      ders = pkcs7Certificates(data);
    } catch {
      throw garbage();
    }
    if (ders.length === 0)
      throw new ImportError('import.no-certificate', { file: name }, `${name} is a PKCS #7 file without certificates.`);
    return { format: 'pkcs7', certificates: ders.map((der) => x509(der, name)) };
  }
  if (kind === 'x509') {
    let ders: Buffer[];
    try {
      ders = concatenatedDer(data);
    } catch {
      throw garbage();
    }
    return { format: 'der', certificates: ders.map((der) => x509(der, name)) };
  }
  throw garbage();
}

// --- What a certificate says ---

export function publicKeySha256(certificate: X509Certificate | KeyObject): string {
  const key =
    certificate instanceof X509Certificate
      ? certificate.publicKey
      : certificate.type === 'private'
        ? createPublicKey(certificate)
        : certificate;
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export const thumbprint = (certificate: X509Certificate, algorithm: 'sha1' | 'sha256') =>
  createHash(algorithm).update(certificate.raw).digest('hex').toUpperCase();

/** OpenSSL's one-attribute-per-line form, least specific first, to RFC 4514 order: "CN=…, O=…, C=…". */
export function formatName(name: string): string {
  return name.split('\n').filter(Boolean).reverse().join(', ');
}

export function subjectAttributes(certificate: X509Certificate): SubjectAttribute[] {
  return certificate.subject
    .split('\n')
    .map((line) => {
      const at = line.indexOf('=');
      return { type: line.slice(0, at) as SubjectAttributeType, value: line.slice(at + 1) };
    })
    .filter((attribute) => (subjectAttributeTypes as readonly string[]).includes(attribute.type));
}

/** The dNSName entries of the subjectAltName extension, in order (quoted entries unquoted). */
export function dnsNames(certificate: X509Certificate): string[] {
  const text = certificate.subjectAltName ?? '';
  return [...text.matchAll(/(?:^|, )DNS:("(?:[^"\\]|\\.)*"|[^,]*)/g)].map((match) => {
    const value = match[1];
    return value.startsWith('"') ? (JSON.parse(value) as string) : value;
  });
}

export function keyBits(certificate: X509Certificate): number {
  const details = certificate.publicKey.asymmetricKeyDetails;
  if (details?.modulusLength) return details.modulusLength;
  const curveBits: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };
  return curveBits[details?.namedCurve ?? ''] ?? 0;
}

export const hasClientAuth = (certificate: X509Certificate) => (certificate.keyUsage ?? []).includes('1.3.6.1.5.5.7.3.2');

const toIso = (date: string) => new Date(date).toISOString();

function isSelfSigned(certificate: X509Certificate): boolean {
  return certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
}

function issues(issuer: X509Certificate, child: X509Certificate): boolean {
  return child.checkIssued(issuer) && child.verify(issuer.publicKey);
}

/** The one certificate in the file that issued none of the others (the end-entity certificate). */
export function findLeaf(certificates: X509Certificate[], privateKey?: KeyObject): X509Certificate[] {
  if (privateKey) {
    const keyHash = publicKeySha256(privateKey);
    return certificates.filter((certificate) => publicKeySha256(certificate) === keyHash);
  }
  return certificates.filter((candidate) => !certificates.some((other) => other !== candidate && issues(candidate, other)));
}

let trustedRoots: X509Certificate[] | undefined;
function roots(): X509Certificate[] {
  trustedRoots ??= rootCertificates.map((pem) => new X509Certificate(pem));
  return trustedRoots;
}

export interface ChainResult {
  /** The issuers above the leaf found in the file, nearest first. */
  chain: X509Certificate[];
  complete: boolean;
  /** The certificate the walk stopped at, and the issuer it lacks. */
  stoppedAt?: X509Certificate;
  /** The chain ends at a self-signed root from the file that neither the system nor the admin trusts. */
  untrustedRoot?: X509Certificate;
}

const isTrustedRoot = (root: X509Certificate, anchors: X509Certificate[]) =>
  [...roots(), ...anchors].some((anchor) => anchor.fingerprint256 === root.fingerprint256);

/**
 * The chain is complete when it climbs from the leaf, through certificates in the file, to a
 * self-signed root in the file or to a root already trusted: the system's, or one of the
 * admin's private `anchors`. A partner's server can only check the certificate when the
 * gateway sends every intermediate, and the gateway can only send what it was given.
 */
export function buildChain(leaf: X509Certificate, pool: X509Certificate[], anchors: X509Certificate[] = []): ChainResult {
  const chain: X509Certificate[] = [];
  let current = leaf;
  for (let depth = 0; depth < 10; depth++) {
    if (isSelfSigned(current)) return { chain, complete: true, ...(isTrustedRoot(current, anchors) ? {} : { untrustedRoot: current }) };
    const issuer = pool.find(
      (candidate) => candidate !== current && !chain.includes(candidate) && candidate !== leaf && issues(candidate, current),
    );
    if (issuer) {
      chain.push(issuer);
      current = issuer;
      continue;
    }
    const trusted = [...roots(), ...anchors].some((root) => root.subject === current.issuer && issues(root, current));
    return trusted ? { chain, complete: true } : { chain, complete: false, stoppedAt: current };
  }
  return { chain, complete: false, stoppedAt: current };
}

export function describeChainCertificate(certificate: X509Certificate): ChainCertificate {
  return {
    subject: formatName(certificate.subject),
    issuer: formatName(certificate.issuer),
    notBefore: toIso(certificate.validFrom),
    notAfter: toIso(certificate.validTo),
    serial: certificate.serialNumber.toUpperCase(),
    sha1: thumbprint(certificate, 'sha1'),
    selfSigned: isSelfSigned(certificate),
  };
}

/** Whether `name` (a certificate's dNSName, perhaps a wildcard) covers `host`; both A-labels. */
export function nameCovers(name: string, host: string): boolean {
  const a = name.toLowerCase();
  const b = host.toLowerCase();
  if (a === b) return true;
  if (!a.startsWith('*.')) return false;
  const dot = b.indexOf('.');
  return dot > 0 && b.slice(dot + 1) === a.slice(2);
}
