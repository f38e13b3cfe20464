/**
 * Just enough of a DER encoder to write a PKCS #12 file: the PFX writer assembles its few
 * structures with these instead of loading node-forge, which alone blocks the event loop for
 * about 100 ms the first time.
 */

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One element: its tag byte, its length and its contents. */
export function tlv(tag: number, contents: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), lengthBytes(contents.length), contents]);
}

export const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));

/** A SET OF, its elements in the order DER requires (by their encodings). */
export const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat([...items].sort(Buffer.compare)));

/** [n] EXPLICIT, wrapping the given elements. */
export const explicit = (tagNumber: number, ...items: Buffer[]): Buffer => tlv(0xa0 | tagNumber, Buffer.concat(items));

export const octetString = (bytes: Buffer): Buffer => tlv(0x04, bytes);

export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);

/** A non-negative INTEGER in its fewest bytes. */
export function integer(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cannot encode ${value} as an INTEGER`);
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  // A set top bit would read as negative: a leading zero keeps it positive.
  if (bytes.length === 0 || bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

export function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const chunk = [arc & 0x7f];
    for (let high = Math.floor(arc / 128); high > 0; high = Math.floor(high / 128)) chunk.unshift(0x80 | (high & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** A BMPString: UTF-16 big-endian code units, no terminator. */
export function bmpString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf16le');
  bytes.swap16();
  return tlv(0x1e, bytes);
}
