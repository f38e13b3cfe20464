import { createHash, generateKeyPair, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { SubjectAttribute, SubjectAttributeType } from '../../shared/certificates/names';
import { RpcError } from '../../shared/rpc/protocol';

/**
 * PKCS#10 requests with the profile's subject and SANs, key usage and template attribute. The key comes from Node's native
 * generator and the signature from Node's native signer, both on libuv's thread pool; the
 * ASN.1 is assembled with node-forge's encoder, which is cheap for a structure this small.
 */

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

const OIDS = {
  country: '2.5.4.6',
  state: '2.5.4.8',
  locality: '2.5.4.7',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  commonName: '2.5.4.3',
  extensionRequest: '1.2.840.113549.1.9.14',
  subjectAltName: '2.5.29.17',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  /** szOID_ENROLLMENT_NAME_VALUE_PAIR: how certreq names the certificate template. */
  enrollmentNameValuePair: '1.3.6.1.4.1.311.13.2.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
} as const;

const attributeOids: Record<SubjectAttributeType, string> = {
  C: OIDS.country,
  ST: OIDS.state,
  L: OIDS.locality,
  O: OIDS.organization,
  OU: OIDS.organizationalUnit,
  CN: OIDS.commonName,
};

const TEMPLATE_ATTRIBUTE_NAME = 'CertificateTemplate';
const CSR_PEM_LABEL = 'CERTIFICATE REQUEST';

/** The parts of a CSR that come from the answers; the key is added by the builder. */
export interface CsrContent {
  subject: SubjectAttribute[];
  /** dNSNames as A-labels. */
  sans: string[];
  clientEku: boolean;
  /** Certificate template name; undefined = no template information at all. */
  template?: string;
}

/** The answers hold something a CSR cannot encode (only reachable with a forced request). */
class CsrEncodingError extends RpcError {
  constructor(reason: string, params: Record<string, string>, message: string) {
    super('refused', message, [], { reason, params });
    this.name = 'CsrEncodingError';
  }
}

const binary = (bytes: Uint8Array) => Buffer.from(bytes).toString('binary');
const universal = (type: forge.asn1.Type, value: string | Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, type, Array.isArray(value), value);
const sequence = (items: Asn1[]) => universal(asn1.Type.SEQUENCE, items);
const oid = (value: string) => universal(asn1.Type.OID, asn1.oidToDer(value).getBytes());
const utf8String = (value: string) => universal(asn1.Type.UTF8, binary(Buffer.from(value, 'utf8')));
const printableString = (value: string) => universal(asn1.Type.PRINTABLESTRING, value);
// forge takes a BMPString as UTF-16 code units and writes them big-endian.
const bmpString = (value: string) => universal(asn1.Type.BMPSTRING, value);
const octetString = (value: Asn1) => universal(asn1.Type.OCTETSTRING, asn1.toDer(value).getBytes());
const der = (value: Asn1) => Buffer.from(asn1.toDer(value).getBytes(), 'binary');

/** DER wants the members of a SET OF in ascending order of their encodings (X.690 §11.6). */
function setOf(items: Asn1[]): Asn1 {
  const encoded = items.map((item) => ({ item, bytes: der(item) }));
  encoded.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  return universal(
    asn1.Type.SET,
    encoded.map(({ item }) => item),
  );
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
const IA5_HOST = /^[\x21-\x7e]+$/;

function assertEncodable(content: CsrContent): void {
  for (const attribute of content.subject) {
    if (attribute.type === 'C' && !PRINTABLE.test(attribute.value)) {
      throw new CsrEncodingError(
        'csr.country',
        { value: attribute.value },
        `The country "${attribute.value}" cannot be written into a certificate request; use a two-letter code such as KR.`,
      );
    }
  }
  for (const name of content.sans) {
    if (!IA5_HOST.test(name))
      throw new CsrEncodingError('csr.dns-name', { name }, `"${name}" cannot be written into a certificate request as a DNS name.`);
  }
  if (content.sans.length === 0) throw new CsrEncodingError('csr.no-names', {}, 'A certificate request needs at least one name.');
  if (content.template !== undefined && (content.template === '' || /[\ud800-\udfff]/.test(content.template))) {
    throw new CsrEncodingError(
      'csr.template',
      { template: content.template },
      `The template name "${content.template}" cannot be written as a BMPString.`,
    );
  }
}

/** Name: one RDN per attribute, in the given order; C as PrintableString, the rest UTF8String. */
function encodeName(subject: SubjectAttribute[]): Asn1 {
  return sequence(
    subject.map((attribute) =>
      setOf([
        sequence([
          oid(attributeOids[attribute.type]),
          attribute.type === 'C' ? printableString(attribute.value) : utf8String(attribute.value),
        ]),
      ]),
    ),
  );
}

function extension(id: string, critical: boolean, value: Asn1): Asn1 {
  const parts = [oid(id)];
  if (critical) parts.push(universal(asn1.Type.BOOLEAN, String.fromCharCode(0xff)));
  parts.push(octetString(value));
  return sequence(parts);
}

function encodeExtensions(content: CsrContent): Asn1 {
  const dnsNames = sequence(content.sans.map((name) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 2, false, name)));
  // digitalSignature (bit 0) + keyEncipherment (bit 2) = 1010 0000; the 5 trailing zero bits are unused.
  const keyUsage = universal(asn1.Type.BITSTRING, String.fromCharCode(5, 0xa0));
  const purposes = [OIDS.serverAuth, ...(content.clientEku ? [OIDS.clientAuth] : [])].map(oid);
  return sequence([
    extension(OIDS.subjectAltName, false, dnsNames),
    extension(OIDS.keyUsage, true, keyUsage),
    extension(OIDS.extKeyUsage, false, sequence(purposes)),
  ]);
}

/** The CertificationRequestInfo DER: version 0, subject, the public key, [0] attributes. */
function buildCertificationRequestInfo(subjectPublicKeyInfo: Buffer, content: CsrContent): Buffer {
  assertEncodable(content);
  // Kept as bytes: the key structure goes in exactly as Node exported it.
  const spki = asn1.fromDer(binary(subjectPublicKeyInfo), { strict: true, parseAllBytes: true, decodeBitStrings: false } as never);
  const attributes = [sequence([oid(OIDS.extensionRequest), setOf([encodeExtensions(content)])])];
  if (content.template !== undefined) {
    const pair = sequence([bmpString(TEMPLATE_ATTRIBUTE_NAME), bmpString(content.template)]);
    attributes.push(sequence([oid(OIDS.enrollmentNameValuePair), setOf([pair])]));
  }
  const attributeSet = setOf(attributes);
  const info = sequence([
    universal(asn1.Type.INTEGER, String.fromCharCode(0)),
    encodeName(content.subject),
    spki,
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attributeSet.value as Asn1[]),
  ]);
  return der(info);
}

/** CertificationRequest: info, sha256WithRSAEncryption, signature. */
function assembleCertificationRequest(info: Buffer, signature: Buffer): Buffer {
  const algorithm = sequence([oid(OIDS.sha256WithRSAEncryption), universal(asn1.Type.NULL, '')]);
  const request = sequence([
    asn1.fromDer(binary(info), { strict: true, parseAllBytes: true, decodeBitStrings: false } as never),
    algorithm,
    universal(asn1.Type.BITSTRING, String.fromCharCode(0) + binary(signature)),
  ]);
  return der(request);
}

/** ASCII PEM, 64-character lines. */
function toPem(derBytes: Buffer, label = CSR_PEM_LABEL): string {
  const lines = derBytes.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface RsaKeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/** Native, asynchronous RSA key generation (runs on the thread pool, never on the event loop). */
export function generateRsaKeyPair(modulusLength: number): Promise<RsaKeyPair> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength, publicExponent: 0x10001 }, (error, publicKey, privateKey) => {
      if (error) reject(error);
      else resolve({ publicKey, privateKey });
    });
  });
}

/** RSASSA-PKCS1-v1_5 with SHA-256, through the callback form so it runs on the thread pool. */
function signSha256(data: Buffer, privateKey: KeyObject): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    sign('sha256', data, privateKey, (error, signature) => {
      if (error) reject(error);
      else resolve(signature);
    });
  });
}

function publicKeySha256(subjectPublicKeyInfo: Buffer): string {
  return createHash('sha256').update(subjectPublicKeyInfo).digest('hex');
}

export type CsrStage = 'generating-key' | 'building-request' | 'signing';

export interface GeneratedCsr {
  csrPem: string;
  csrDer: Buffer;
  subjectPublicKeyInfo: Buffer;
  publicKeySha256: string;
  /** Stays in memory; the caller encrypts it or lets it go. */
  privateKey: KeyObject;
}

export async function createCsr(
  content: CsrContent & { keySize: number },
  onStage: (stage: CsrStage) => void = () => {},
): Promise<GeneratedCsr> {
  // Checked before the key is generated, so a refused request costs nothing.
  assertEncodable(content);
  onStage('generating-key');
  const { publicKey, privateKey } = await generateRsaKeyPair(content.keySize);
  onStage('building-request');
  const subjectPublicKeyInfo = publicKey.export({ type: 'spki', format: 'der' });
  const info = buildCertificationRequestInfo(subjectPublicKeyInfo, content);
  onStage('signing');
  const signature = await signSha256(info, privateKey);
  const csrDer = assembleCertificationRequest(info, signature);
  return { csrPem: toPem(csrDer), csrDer, subjectPublicKeyInfo, publicKeySha256: publicKeySha256(subjectPublicKeyInfo), privateKey };
}
