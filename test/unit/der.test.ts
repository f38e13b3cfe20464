import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { bmpString, explicit, integer, nullValue, octetString, oid, sequence, set, tlv } from '../../electron/x509/der';

const hex = (bytes: Buffer) => bytes.toString('hex');

describe('the DER encoder the PFX writer uses', () => {
  it('writes integers in their fewest bytes, positive', () => {
    expect(hex(integer(0))).toBe('020100');
    expect(hex(integer(3))).toBe('020103');
    expect(hex(integer(127))).toBe('02017f');
    expect(hex(integer(128))).toBe('02020080');
    expect(hex(integer(2000))).toBe('020207d0');
    expect(hex(integer(10_000))).toBe('02022710');
    expect(hex(integer(600_000))).toBe('02030927c0');
    expect(() => integer(-1)).toThrow(RangeError);
  });

  it('writes object identifiers, with arcs of several bytes', () => {
    expect(hex(oid('1.2.840.113549.1.7.1'))).toBe('06092a864886f70d010701');
    expect(hex(oid('2.16.840.1.101.3.4.1.42'))).toBe('060960864801650304012a');
    expect(hex(oid('1.3.14.3.2.26'))).toBe('06052b0e03021a');
  });

  it('uses the short length form below 128 bytes and the long one from there', () => {
    expect(hex(octetString(Buffer.alloc(127)).subarray(0, 2))).toBe('047f');
    expect(hex(octetString(Buffer.alloc(128)).subarray(0, 3))).toBe('048180');
    expect(hex(octetString(Buffer.alloc(256)).subarray(0, 4))).toBe('04820100');
    expect(hex(octetString(Buffer.alloc(70_000)).subarray(0, 5))).toBe('0483011170');
  });

  it('writes a SET OF in DER order, BMPStrings as UTF-16BE and [0] EXPLICIT', () => {
    expect(hex(set(integer(5), integer(3)))).toBe('3106020103020105');
    expect(hex(bmpString('Aé한'))).toBe('1e060041' + '00e9' + 'd55c');
    expect(hex(explicit(0, nullValue()))).toBe('a0020500');
    expect(hex(tlv(0x30, Buffer.alloc(0)))).toBe('3000');
  });

  it('writes what forge reads back as the same structure', () => {
    const der = sequence(
      integer(3),
      sequence(oid('1.2.840.113549.1.9.20'), set(bmpString('Edge external 한'))),
      octetString(Buffer.alloc(300, 7)),
    );
    const parsed = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
    expect(Buffer.from(forge.asn1.toDer(parsed).getBytes(), 'binary').equals(der)).toBe(true);
    const [version, attribute, octets] = parsed.value as forge.asn1.Asn1[];
    expect(forge.asn1.derToInteger(version.value as string)).toBe(3);
    const [attributeOid, values] = attribute.value as forge.asn1.Asn1[];
    expect(forge.asn1.derToOid(attributeOid.value as string)).toBe('1.2.840.113549.1.9.20');
    expect((values.value as forge.asn1.Asn1[])[0].value).toBe('Edge external 한');
    expect((octets.value as string).length).toBe(300);
  });
});
