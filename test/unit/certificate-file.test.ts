import { describe, expect, it } from 'vitest';
import { formatName, isUtf16, nameCovers, parseCertificateFile } from '../../electron/x509/certificate-file';
import { daysUntil, importArgsSchema } from '../../shared/certificates/installed';

describe('certificate files', () => {
  it('recognizes UTF-16 text with and without a byte-order mark, and not DER or ASCII', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(isUtf16(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pem, 'utf16le')]))).toBe(true);
    expect(isUtf16(Buffer.from(pem, 'utf16le'))).toBe(true);
    expect(isUtf16(Buffer.from(pem, 'ascii'))).toBe(false);
    expect(isUtf16(Buffer.from([0x30, 0x82, 0x03, 0x00, 0x30, 0x82, 0x02, 0x00, 0xa0, 0x03, 0x02, 0x01, 0x02]))).toBe(false);
  });

  it('names the file in every refusal', async () => {
    await expect(parseCertificateFile(Buffer.from('not a certificate'), 'notes.txt')).rejects.toThrow(
      /^notes\.txt is not a certificate file/,
    );
    await expect(parseCertificateFile(Buffer.alloc(0), 'empty.cer')).rejects.toThrow(/^empty\.cer is empty/);
    await expect(
      parseCertificateFile(Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), 'bad.pem'),
    ).rejects.toThrow(/^bad\.pem has a "CERTIFICATE" block/);
  });

  it('matches wildcards to exactly one label, case-insensitively', () => {
    expect(nameCovers('SIP.contoso.com', 'sip.CONTOSO.com')).toBe(true);
    expect(nameCovers('*.contoso.com', 'sip.contoso.com')).toBe(true);
    expect(nameCovers('*.contoso.com', 'contoso.com')).toBe(false);
    expect(nameCovers('*.contoso.com', 'a.b.contoso.com')).toBe(false);
  });

  it('writes names most specific first', () => {
    expect(formatName('C=US\nO=Contoso\nCN=sip.contoso.com')).toBe('CN=sip.contoso.com, O=Contoso, C=US');
  });

  it('counts whole days to expiry', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(daysUntil('2026-01-31T12:00:00Z', now)).toBe(30);
    expect(daysUntil('2025-12-31T12:00:00Z', now)).toBe(-1);
  });

  it('takes a path or content, never both, and content needs its name', () => {
    expect(importArgsSchema.safeParse({ file: '/tmp/a.cer' }).success).toBe(true);
    expect(importArgsSchema.safeParse({ content: 'AAAA', name: 'a.cer' }).success).toBe(true);
    expect(importArgsSchema.safeParse({ content: 'AAAA' }).success).toBe(false);
    expect(importArgsSchema.safeParse({ file: '/tmp/a.cer', content: 'AAAA', name: 'a.cer' }).success).toBe(false);
    expect(importArgsSchema.safeParse({}).success).toBe(false);
    expect(importArgsSchema.safeParse({ content: 'not base64!', name: 'a.cer' }).success).toBe(false);
  });
});
