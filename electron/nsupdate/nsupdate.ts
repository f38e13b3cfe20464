import { spawn } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import type { AcmeDns } from '../../shared/acme/acme';
import { AcmeError, detailOf } from '../../shared/acme/errors';

const NSUPDATE = 'nsupdate';
const NSUPDATE_TIMEOUT_MS = 20_000;

/** host:port (or [v6]:port) → its parts; port 53 when absent. */
export function parseServer(server: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+))(?::(\d{1,5}))?$/.exec(server.trim());
  const port = match?.[3] !== undefined ? Number(match[3]) : 53;
  if (!match || port < 1 || port > 65535) throw new AcmeError('acme.server-address', { server });
  return { host: match[1] ?? match[2], port };
}

/** Checks the file is a `key "NAME" { algorithm …; secret "…"; };` statement; returns the key's name. */
export async function readTsigKeyFile(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AcmeError('acme.tsig-file', { file, detail: (error as NodeJS.ErrnoException).code ?? detailOf(error) });
  }
  if (text.length > 16 * 1024) throw new AcmeError('acme.tsig-file', { file, detail: 'larger than 16 KB' });
  const match =
    /key\s+"?([A-Za-z0-9._-]+)"?\s*\{[^}]*algorithm\s+([A-Za-z0-9-]+)\s*;[^}]*secret\s+"([A-Za-z0-9+/=]+)"\s*;[^}]*\}\s*;/s.exec(text);
  if (!match) throw new AcmeError('acme.tsig-file', { file, detail: 'no key statement with an algorithm and a secret' });
  return match[1];
}

/** The longest admin-named zone that holds `name`; null when no zone was named (nsupdate finds it from the SOA). */
export function zoneFor(name: string, zones: string[]): string | null {
  if (zones.length === 0) return null;
  const fqdn = name.toLowerCase().replace(/\.$/, '');
  const zone = zones
    .map((z) => z.toLowerCase().replace(/\.$/, ''))
    .filter((z) => fqdn === z || fqdn.endsWith(`.${z}`))
    .sort((a, b) => b.length - a.length)[0];
  if (!zone) throw new AcmeError('acme.no-zone', { name, zones: zones.join(', ') });
  return zone;
}

const challengeName = (name: string) => `_acme-challenge.${name.replace(/^\*\./, '').replace(/\.$/, '')}`;

/** The nsupdate input that adds or deletes one TXT record. */
export function nsupdateScript(dns: AcmeDns, name: string, value: string, action: 'add' | 'delete'): string {
  const { host, port } = parseServer(dns.server);
  const zone = zoneFor(name, dns.zones);
  const record = `${challengeName(name)}.`;
  return [
    `server ${host} ${port}`,
    ...(zone ? [`zone ${zone}.`] : []),
    action === 'add' ? `update add ${record} 60 IN TXT "${value}"` : `update delete ${record} TXT "${value}"`,
    'send',
    '',
  ].join('\n');
}

/** The shell form for the log: the same input through a here-document. */
export function nsupdateCommand(dns: AcmeDns, script: string): string {
  return `nsupdate -k '${dns.tsigKeyFile.replace(/'/g, `'\\''`)}' <<'EOF'\n${script}EOF`;
}

/** Runs nsupdate with the admin's TSIG key (bounded); a refusal carries nsupdate's own words. */
export function runNsupdate(dns: AcmeDns, name: string, script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(NSUPDATE, ['-k', dns.tsigKeyFile, '-t', '10'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      if (output.length < 8192) output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new AcmeError('acme.timeout', { what: `nsupdate for ${name}`, seconds: String(NSUPDATE_TIMEOUT_MS / 1000) }));
    }, NSUPDATE_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new AcmeError('acme.dns-refused', {
          server: dns.server,
          name,
          detail: `${NSUPDATE} could not run (${(error as NodeJS.ErrnoException).code ?? detailOf(error)}); install the Debian package "bind9-dnsutils".`,
        }),
      );
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const detail =
        output
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .join(' ') || `nsupdate exited with ${code}`;
      reject(new AcmeError('acme.dns-refused', { server: dns.server, name, detail: detail.endsWith('.') ? detail : `${detail}.` }));
    });
    child.stdin.end(script);
  });
}

/** Polls the admin's DNS server until the TXT value shows (bounded). */
export async function waitForTxt(dns: AcmeDns, name: string, value: string, timeoutMs: number): Promise<void> {
  const { host, port } = parseServer(dns.server);
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`]);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const records = await resolver.resolveTxt(challengeName(name));
      if (records.some((chunks) => chunks.join('') === value)) return;
    } catch {
      // Not there yet (NXDOMAIN / no data) or a lost packet: ask again until the deadline.
    }
    if (Date.now() >= deadline)
      throw new AcmeError('acme.not-visible', { name, server: dns.server, seconds: String(Math.round(timeoutMs / 1000)) });
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
