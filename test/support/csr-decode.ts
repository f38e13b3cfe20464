import { createPublicKey, verify } from 'node:crypto';
import forge from 'node-forge';

/**
 * An independent reading of a PKCS#10 file for tests: walks the DER by hand (forge's decoder,
 * not the code that built it) and reports what an auditor would check.
 */

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

interface DecodedAttribute {
  oid: string;
  /** ASN.1 universal tag of the value: 19 PrintableString, 12 UTF8String, … */
  tag: number;
  value: string;
}

export interface DecodedCsr {
  der: Buffer;
  version: number;
  subject: DecodedAttribute[];
  /** Each RDN's SET holds exactly one attribute. */
  singleValuedRdns: boolean;
  subjectPublicKeyInfo: Buffer;
  keyBits: number;
  publicExponent: number;
  attributeOids: string[];
  extensions: { oid: string; critical: boolean }[];
  sans: { tag: number; name: string }[];
  keyUsageBits: string;
  extendedKeyUsages: string[];
  template: { name: string; value: string; nameTag: number; valueTag: number } | null;
  signatureAlgorithm: string;
  signatureAlgorithmHasNullParameters: boolean;
  signatureValid: boolean;
  /** Re-encoding gives the same bytes: the file is canonical DER. */
  canonical: boolean;
}

const children = (node: Asn1) => node.value as Asn1[];
const bytes = (node: Asn1) => node.value as string;
const oidOf = (node: Asn1) => asn1.derToOid(bytes(node));
const toBuffer = (binary: string) => Buffer.from(binary, 'binary');
const der = (node: Asn1) => toBuffer(asn1.toDer(node).getBytes());

function pemToDer(pem: string): Buffer {
  const match = pem.match(/-----BEGIN CERTIFICATE REQUEST-----\r?\n([\s\S]+?)\r?\n-----END CERTIFICATE REQUEST-----/);
  if (!match) throw new Error('not a PEM certificate request');
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}

function decodeString(node: Asn1): string {
  // forge hands BMPStrings back as text already; UTF8String and the others as raw bytes.
  if (node.type === asn1.Type.BMPSTRING) return bytes(node);
  return toBuffer(bytes(node)).toString('utf8');
}

export function decodeCsr(pem: string): DecodedCsr {
  const file = pemToDer(pem);
  const root = asn1.fromDer(file.toString('binary'), { strict: true, parseAllBytes: true, decodeBitStrings: false } as never);
  const [info, algorithm, signature] = children(root);
  const [version, name, spki, attributes] = children(info);

  const rdns = children(name);
  const subject = rdns.map((rdn) => {
    const [pair] = children(rdn);
    const [type, value] = children(pair);
    return { oid: oidOf(type), tag: value.type, value: decodeString(value) };
  });

  const spkiDer = der(spki);
  const key = createPublicKey({ key: spkiDer, format: 'der', type: 'spki' });

  const result: DecodedCsr = {
    der: file,
    version: toBuffer(bytes(version))[0],
    subject,
    singleValuedRdns: rdns.every((rdn) => children(rdn).length === 1),
    subjectPublicKeyInfo: spkiDer,
    keyBits: key.asymmetricKeyDetails?.modulusLength ?? 0,
    publicExponent: Number(key.asymmetricKeyDetails?.publicExponent ?? 0),
    attributeOids: [],
    extensions: [],
    sans: [],
    keyUsageBits: '',
    extendedKeyUsages: [],
    template: null,
    signatureAlgorithm: oidOf(children(algorithm)[0]),
    signatureAlgorithmHasNullParameters: children(algorithm)[1]?.type === asn1.Type.NULL,
    signatureValid: false,
    canonical: der(root).equals(file),
  };

  if (attributes.tagClass !== asn1.Class.CONTEXT_SPECIFIC || attributes.type !== 0) throw new Error('attributes are not [0]');
  for (const attribute of children(attributes)) {
    const [type, values] = children(attribute);
    const oid = oidOf(type);
    result.attributeOids.push(oid);
    const [value] = children(values);
    if (oid === '1.2.840.113549.1.9.14') {
      for (const extension of children(value)) {
        const parts = children(extension);
        const extOid = oidOf(parts[0]);
        const critical = parts.length === 3 && bytes(parts[1]) === '\xff';
        const inner = asn1.fromDer(bytes(parts[parts.length - 1]), { strict: true, parseAllBytes: true, decodeBitStrings: false } as never);
        result.extensions.push({ oid: extOid, critical });
        if (extOid === '2.5.29.17') result.sans = children(inner).map((general) => ({ tag: general.type, name: bytes(general) }));
        if (extOid === '2.5.29.15') result.keyUsageBits = toBuffer(bytes(inner)).toString('hex');
        if (extOid === '2.5.29.37') result.extendedKeyUsages = children(inner).map(oidOf);
      }
    } else if (oid === '1.3.6.1.4.1.311.13.2.1') {
      const [templateName, templateValue] = children(value);
      result.template = {
        name: decodeString(templateName),
        value: decodeString(templateValue),
        nameTag: templateName.type,
        valueTag: templateValue.type,
      };
    }
  }

  const signatureBytes = toBuffer(bytes(signature));
  result.signatureValid = signatureBytes[0] === 0 && verify('sha256', der(info), key, signatureBytes.subarray(1));
  return result;
}
