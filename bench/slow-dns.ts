import { spawn } from 'node:child_process';

export interface SlowDns {
  /** "127.0.0.1:port" to hand to the resolver. */
  server: string;
  close(): Promise<void>;
}

/**
 * The relay, run as its own process so its work does not land on the measured event loop, as a
 * distant resolver's would not. One upstream socket per client socket (a resolver keeps its query
 * IDs unique on its socket), closed after it idles; the process ends when its stdin closes (the
 * bench stopped or died).
 */
const RELAY = `
const dgram = require('node:dgram');
const [host, port, delayMs, timeoutMs] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3]), Number(process.argv[4])];
const front = dgram.createSocket('udp4');
const relays = new Map();
front.on('message', (query, client) => {
  const key = client.address + ':' + client.port;
  let relay = relays.get(key);
  if (!relay) {
    relay = { socket: dgram.createSocket('udp4'), idle: null };
    relay.socket.on('message', (answer) => setTimeout(() => front.send(answer, client.port, client.address), delayMs));
    relay.socket.on('error', () => {});
    relays.set(key, relay);
  }
  clearTimeout(relay.idle);
  relay.idle = setTimeout(() => { relays.delete(key); relay.socket.close(); }, timeoutMs);
  relay.idle.unref();
  relay.socket.send(query, port, host);
});
front.bind(0, '127.0.0.1', () => process.stdout.write('port ' + front.address().port + '\\n'));
process.stdin.on('end', () => process.exit(0)).resume();
`;

/** A UDP DNS relay on loopback that holds each answer for `delayMs` in front of a real server: a resolver as far away as a WAN one. */
export function startSlowDns(upstream: string, delayMs: number, timeoutMs = 5000): Promise<SlowDns> {
  const split = upstream.lastIndexOf(':');
  const child = spawn(
    process.execPath,
    ['-e', RELAY, upstream.slice(0, split), upstream.slice(split + 1), String(delayMs), String(timeoutMs)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.stdin?.end();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void close();
      reject(new Error('the DNS relay did not start within 10 s'));
    }, 10_000);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /port (\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ server: `127.0.0.1:${match[1]}`, close });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the DNS relay exited with ${code}`));
    });
  });
}
