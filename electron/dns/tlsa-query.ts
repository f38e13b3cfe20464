import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { getServers } from 'node:dns';

/** Node's resolver has no TLSA lookup (before Node 22.15), so the query is made here: one UDP question, type 52. */
const TYPE_TLSA = 52;

export interface TlsaAnswer {
  usage: number;
  selector: number;
  matchingType: number;
  data: string;
}

export class DnsQueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.');
  return Buffer.concat([
    ...labels.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'ascii')])),
    Buffer.from([0]),
  ]);
}

/** Skips a (possibly compressed) name, returning the offset after it. */
function skipName(packet: Buffer, offset: number): number {
  for (;;) {
    if (offset >= packet.length) throw new DnsQueryError('EBADRESP', 'truncated name');
    const length = packet[offset];
    if ((length & 0xc0) === 0xc0) return offset + 2;
    if (length === 0) return offset + 1;
    offset += length + 1;
  }
}

/** "host:port" or "host" (port 53); the system's first resolver when absent. */
function serverAddress(server?: string): { host: string; port: number } {
  const chosen = server ?? getServers()[0];
  if (!chosen) throw new DnsQueryError('ECONNREFUSED', 'no DNS server is configured');
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(chosen);
  if (bracketed) return { host: bracketed[1], port: Number(bracketed[2] ?? 53) };
  if (isIP(chosen) === 6) return { host: chosen, port: 53 };
  const [host, port] = chosen.split(':');
  return { host, port: Number(port ?? 53) };
}

/** The TLSA records at `name`; [] when the name has none (NXDOMAIN or no data). */
export function resolveTlsa(name: string, server?: string, timeoutMs = 2500, tries = 2): Promise<TlsaAnswer[]> {
  const { host, port } = serverAddress(server);
  const id = randomBytes(2);
  const header = Buffer.from([id[0], id[1], 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
  const question = Buffer.concat([header, encodeName(name), Buffer.from([0, TYPE_TLSA, 0, 1])]);
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
    let attempt = 0;
    let timer: NodeJS.Timeout;
    const finish = (error: Error | null, answers?: TlsaAnswer[]) => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(answers ?? []);
    };
    const send = () => {
      attempt += 1;
      socket.send(question, port, host);
      timer = setTimeout(
        () => (attempt < tries ? send() : finish(new DnsQueryError('ETIMEOUT', `no answer from ${host}:${port}`))),
        timeoutMs,
      );
    };
    socket.on('error', (error) => finish(new DnsQueryError('ECONNREFUSED', error.message)));
    socket.on('message', (packet) => {
      if (packet.length < 12 || packet[0] !== id[0] || packet[1] !== id[1]) return;
      try {
        const rcode = packet[3] & 0x0f;
        if (rcode === 3) return finish(null, []);
        if (rcode !== 0) return finish(new DnsQueryError('ESERVFAIL', `the DNS server answered with rcode ${rcode}`));
        const answers: TlsaAnswer[] = [];
        let offset = skipName(packet, 12) + 4;
        const count = packet.readUInt16BE(6);
        for (let i = 0; i < count; i++) {
          offset = skipName(packet, offset);
          const type = packet.readUInt16BE(offset);
          const length = packet.readUInt16BE(offset + 8);
          const data = packet.subarray(offset + 10, offset + 10 + length);
          if (data.length !== length) throw new DnsQueryError('EBADRESP', 'truncated answer');
          if (type === TYPE_TLSA && length >= 3) {
            answers.push({ usage: data[0], selector: data[1], matchingType: data[2], data: data.subarray(3).toString('hex') });
          }
          offset += 10 + length;
        }
        finish(null, answers);
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    });
    send();
  });
}
