/**
 * DANE for XMPP server-to-server (RFC 7673, RFC 6698): TLSA 3 1 1 = DANE-EE, the end entity's
 * SubjectPublicKeyInfo, SHA-256. Pinning the key, not the certificate, keeps the record valid
 * across a renewal that keeps the key.
 */
export interface TlsaRecord {
  /** _<port>._tcp.<access edge>, without the trailing dot. */
  name: string;
  port: number;
  ttl: number;
  usage: 3;
  selector: 1;
  matchingType: 1;
  /** Lower-case hex SHA-256 of the SubjectPublicKeyInfo. */
  data: string;
}

export function tlsaRecords(target: string, ports: number[], ttl: number, spkiSha256: string): TlsaRecord[] {
  return [...new Set(ports)].map((port) => ({
    name: `_${port}._tcp.${target}`,
    port,
    ttl,
    usage: 3,
    selector: 1,
    matchingType: 1,
    data: spkiSha256.toLowerCase(),
  }));
}

/** "3 1 1 <hex>": the record's data as zone files and dig show it. */
export const tlsaText = (record: { usage: number; selector: number; matchingType: number; data: string }): string =>
  `${record.usage} ${record.selector} ${record.matchingType} ${record.data}`;
