import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './gateway';
import { startedWhen, stopChild } from './process';

const NAMED = '/usr/sbin/named';
const NSUPDATE = '/usr/bin/nsupdate';
const TSIG_KEYGEN = '/usr/sbin/tsig-keygen';
export const DIG = '/usr/bin/dig';

export interface Bind {
  /** host:port, as `dns verify --server` takes it. */
  server: string;
  port: number;
  /** A TSIG key file that may update every zone (nsupdate -k). */
  keyFile: string;
  /** A key of the same name with another secret: BIND refuses updates signed with it. */
  wrongKeyFile: string;
  /** The TXT strings `name` has right now, asked of this server with dig. */
  txt(name: string): string[];
  stop(): Promise<void>;
}

/** Missing BIND is a failure, never a skip. */
function requireBind(): void {
  for (const tool of [NAMED, NSUPDATE, TSIG_KEYGEN, DIG]) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: install the Debian packages "bind9 bind9utils dnsutils" (.ci/run does).`);
  }
}

/**
 * A real BIND 9 (`named -g`) on a free loopback port, primary for `zones` (each with its SOA and
 * NS, plus `records`, e.g. A records for the names a CA must reach), accepting RFC 2136 updates
 * signed with a fresh TSIG key. It stops with the test, or when the test process dies (it is our
 * child in the foreground).
 */
export async function startBind(dir: string, zones: string[], records: string[] = []): Promise<Bind> {
  requireBind();
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const keyFile = join(dir, 'update.key');
  const wrongKeyFile = join(dir, 'wrong.key');
  writeFileSync(keyFile, execFileSync(TSIG_KEYGEN, ['-a', 'hmac-sha256', 'edgewiz-test']));
  writeFileSync(wrongKeyFile, execFileSync(TSIG_KEYGEN, ['-a', 'hmac-sha256', 'edgewiz-test']));
  for (const zone of zones) {
    writeFileSync(
      join(dir, `${zone}.zone`),
      [
        `$TTL 300`,
        `@ IN SOA ns.${zone}. hostmaster.${zone}. 1 3600 600 86400 300`,
        `@ IN NS ns.${zone}.`,
        `ns IN A 127.0.0.1`,
        ...records,
        '',
      ].join('\n'),
    );
  }
  const conf = join(dir, 'named.conf');
  writeFileSync(
    conf,
    [
      `include "${keyFile}";`,
      `options { directory "${dir}"; listen-on port ${port} { 127.0.0.1; }; listen-on-v6 { none; }; recursion no; dnssec-validation no; pid-file "${join(dir, 'named.pid')}"; };`,
      'controls { };',
      ...zones.map(
        (zone) =>
          `zone "${zone}" { type primary; file "${join(dir, `${zone}.zone`)}"; update-policy { grant edgewiz-test zonesub ANY; }; };`,
      ),
      '',
    ].join('\n'),
  );
  const child = spawn(NAMED, ['-g', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  await startedWhen(child, 'named', /\brunning\b/, 15_000);
  return {
    server: `127.0.0.1:${port}`,
    port,
    keyFile,
    wrongKeyFile,
    txt: (name) =>
      execFileSync(DIG, ['+short', '+time=2', '+tries=1', '-p', String(port), '@127.0.0.1', name, 'TXT'], {
        encoding: 'utf8',
        timeout: 5000,
      })
        .split('\n')
        .filter((line) => line.trim() !== ''),
    stop: () => stopChild(child),
  };
}

/** Runs an nsupdate script against `bind` with its key; returns nsupdate's exit code and output. */
export function nsupdate(bind: Bind, script: string): { code: number; output: string } {
  try {
    const output = execFileSync(NSUPDATE, ['-k', bind.keyFile], {
      input: `server 127.0.0.1 ${bind.port}\n${script}`,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 20_000,
    });
    return { code: 0, output };
  } catch (error) {
    const failure = error as { status?: number; stdout?: string; stderr?: string };
    return { code: failure.status ?? -1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}
