import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from './gateway';
import { startedWhen } from './process';

const DNSMASQ = '/usr/sbin/dnsmasq';

export interface Dnsmasq {
  server: string;
  stop(): Promise<void>;
}

/**
 * A real dnsmasq on a free loopback port, answering only from `records` (dnsmasq options such
 * as srv-host=… and host-record=…). `localDomains` are answered authoritatively (NXDOMAIN /
 * no data) instead of being forwarded. Missing dnsmasq is a failure, never a skip.
 */
export async function startDnsmasq(records: string[], localDomains: string[]): Promise<Dnsmasq> {
  if (!existsSync(DNSMASQ)) throw new Error(`${DNSMASQ} is missing: install the Debian package "dnsmasq-base" (.ci/run does).`);
  const port = await freePort();
  const args = [
    '--keep-in-foreground',
    '--conf-file=/dev/null',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--no-poll',
    '--pid-file=',
    '--log-facility=-',
    ...localDomains.map((domain) => `--local=/${domain}/`),
    ...records.map((record) => `--${record}`),
  ];
  const child: ChildProcess = spawn(DNSMASQ, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await startedWhen(child, 'dnsmasq', /started, version/, 5000);
  return {
    server: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
