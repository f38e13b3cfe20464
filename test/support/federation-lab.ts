import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openssl } from './ca';
import { PROSODY } from './gateway';

/**
 * A private network for real federation: a mount + network + pid namespace where every
 * 127.x address answers on lo, dnsmasq on 127.0.0.1:53 (bound over /etc/resolv.conf), the lab
 * CA bound over /etc/ssl/certs, the gateway driven through the `edgewiz` CLI and independent
 * peer Prosody servers configured by hand. The namespace holder reads its stdin: when this
 * process ends (even killed), the pipe closes, the holder exits and the kernel ends every
 * process inside. `close()` does the same at once.
 */

const REPO = resolve(import.meta.dirname, '..', '..');
const EDGEWIZ = join(REPO, 'bin', 'edgewiz.js');
export const GATEWAY_DOMAIN = 'edge.lab';
const GATEWAY_ADDRESS = '127.0.0.10';
/** Where Debian's ejabberd keeps its own application (its Erlang dependencies are in Erlang's lib). */
const EJABBERD_LIBS = '/usr/lib/x86_64-linux-gnu';

export function requireLabTools(): void {
  for (const tool of [
    '/usr/bin/unshare',
    '/usr/bin/nsenter',
    '/usr/sbin/ip',
    '/usr/sbin/dnsmasq',
    PROSODY,
    '/usr/bin/prosodyctl',
    '/usr/bin/openssl',
    '/usr/bin/erl',
    `${EJABBERD_LIBS}/ejabberd-23.01-1`,
  ]) {
    if (!existsSync(tool))
      throw new Error(
        `${tool} is missing: the federation tests need util-linux, iproute2, dnsmasq-base, prosody, ejabberd and openssl (.ci/run installs them).`,
      );
  }
  if (process.getuid?.() !== 0) throw new Error('The federation tests make a network namespace and must run as root (CI does).');
  if (!existsSync(join(REPO, 'dist', 'cli', 'edgewiz.js'))) throw new Error('dist/ is missing: run npm run build first (npm test does).');
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A peer host: its own domain, address and certificate, and which Prosody modules it has. */
export interface PeerHost {
  domain: string;
  /** Offer and use TLS (mod_tls). */
  tls: boolean;
  dialback: boolean;
  /** SASL EXTERNAL for s2s (mod_saslauth). */
  sasl: boolean;
  /** A certificate from a CA the gateway does not trust. */
  untrusted?: boolean;
}

export class FederationLab {
  readonly dir: string;
  readonly dataDir: string;
  private holder: ChildProcess;
  private nsPid = 0;
  private readonly ca: { cert: string; key: string };
  private readonly rogueCa: { cert: string; key: string };
  private serial = 1;
  private hosts: string[] = [];

  private constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'edgewiz-fed-'));
    this.dataDir = join(this.dir, 'gateway-data');
    this.ca = this.makeCa('ca', 'Lab Root CA');
    this.rogueCa = this.makeCa('rogue-ca', 'Untrusted Root CA');
    const certs = join(this.dir, 'certs');
    mkdirSync(certs);
    writeFileSync(join(certs, 'lab-root.pem'), readFileSync(this.ca.cert));
    // Node reads this bundle name at start; it holds the lab root only, like the rest of the folder.
    writeFileSync(join(certs, 'ca-certificates.crt'), readFileSync(this.ca.cert));
    openssl(['rehash', certs]);
    writeFileSync(join(this.dir, 'resolv.conf'), 'nameserver 127.0.0.1\n');
    const script = [
      'set -e',
      'ip link set lo up',
      `mount --bind ${join(this.dir, 'resolv.conf')} /etc/resolv.conf`,
      `mount --bind ${certs} /etc/ssl/certs`,
      'echo ready',
      'read -r _',
    ].join('\n');
    this.holder = spawn('unshare', ['--mount', '--net', '--pid', '--fork', '--mount-proc', '--kill-child', 'sh', '-c', script], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }

  static async start(): Promise<FederationLab> {
    const lab = new FederationLab();
    try {
      await lab.ready();
    } catch (error) {
      lab.close();
      throw error;
    }
    return lab;
  }

  private async ready(): Promise<void> {
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The namespace did not start within 5 s:\n${output}`)), 5000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      this.holder.stdout?.on('data', onData);
      this.holder.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      this.holder.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The namespace exited (${code}):\n${output}`));
      });
    });
    // The shell inside is the namespace's pid 1: nsenter joins it.
    const children = readFileSync(`/proc/${this.holder.pid}/task/${this.holder.pid}/children`, 'utf8').trim().split(/\s+/);
    this.nsPid = Number(children[0]);
    if (!Number.isInteger(this.nsPid) || this.nsPid <= 0) throw new Error('The namespace has no process to join.');
  }

  private makeCa(name: string, cn: string): { cert: string; key: string } {
    const cert = join(this.dir, `${name}.crt`);
    const key = join(this.dir, `${name}.key`);
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '30',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    return { cert, key };
  }

  /** The root of the CA the namespace does not trust (partners with `untrusted` certificates use it). */
  get untrustedRoot(): string {
    return this.rogueCa.cert;
  }

  /** A server certificate for `domain` (CN and SAN), issued by the lab CA or the untrusted one. */
  issue(domain: string, untrusted = false): { certificate: string; key: string } {
    const issuer = untrusted ? this.rogueCa : this.ca;
    const key = join(this.dir, `${domain}.key`);
    const csr = join(this.dir, `${domain}.csr`);
    const certificate = join(this.dir, `${domain}.crt`);
    openssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      `/CN=${domain}`,
      '-addext',
      `subjectAltName=DNS:${domain}`,
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      issuer.cert,
      '-CAkey',
      issuer.key,
      '-set_serial',
      String(this.serial++),
      '-days',
      '20',
      '-copy_extensions',
      'copy',
      '-out',
      certificate,
    ]);
    return { certificate, key };
  }

  /** Runs a command inside the namespace, bounded by `timeoutMs`. */
  run(command: string, args: string[], timeoutMs = 20_000): Promise<RunResult> {
    return new Promise((resolvePromise) => {
      const child = spawn('nsenter', ['--target', String(this.nsPid), '--net', '--mount', '--pid', '--', command, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => {
        stderr += `\n(killed after ${timeoutMs} ms)`;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolvePromise({ code, stdout, stderr });
      });
    });
  }

  /** nsenter's command line that runs `command` inside the namespace (for callers that spawn it themselves). */
  insideArgs(command: string, args: string[], only: ('net' | 'mount' | 'pid')[] = ['net', 'mount', 'pid']): string[] {
    return ['--target', String(this.nsPid), ...only.map((kind) => `--${kind}`), '--', command, ...args];
  }

  /** Starts a long-running process inside the namespace (ended with the namespace). */
  spawnInside(command: string, args: string[], log: string): void {
    const child = spawn('nsenter', ['--target', String(this.nsPid), '--net', '--mount', '--pid', '--', command, ...args], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child.unref();
    writeFileSync(log, '', { flag: 'a' });
  }

  async waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** dnsmasq on 127.0.0.1:53 with an A record and an SRV record per host (name → address). */
  async startDns(records: Record<string, string>): Promise<void> {
    this.hosts = Object.keys(records);
    const log = join(this.dir, 'dnsmasq.log');
    this.spawnInside(
      '/usr/sbin/dnsmasq',
      [
        '--keep-in-foreground',
        '--conf-file=/dev/null',
        '--listen-address=127.0.0.1',
        '--bind-interfaces',
        '--no-resolv',
        '--no-hosts',
        '--no-poll',
        '--pid-file=',
        `--log-facility=${log}`,
        '--local=/lab/',
        ...Object.entries(records).flatMap(([name, address]) => [
          `--host-record=${name},${address}`,
          `--srv-host=_xmpp-server._tcp.${name},${name},5269,0,0`,
        ]),
      ],
      log,
    );
    await this.waitFor('dnsmasq starts', () => readFileSync(log, 'utf8').includes('using only locally-known addresses for lab'), 5000);
  }

  /** The `edgewiz` CLI against the lab's data dir, inside the namespace. */
  edgewiz(...args: string[]): Promise<RunResult> {
    return this.run(process.execPath, [EDGEWIZ, '--data-dir', this.dataDir, ...args], 30_000);
  }

  /** Topology, port, the lab certificate as assigned, and the partner list; then `gateway start`. */
  async startGateway(partners: object[]): Promise<void> {
    writeFileSync(
      join(this.dir, 'topology.json'),
      JSON.stringify({
        sipDomains: [GATEWAY_DOMAIN],
        accessEdgeFqdn: `sip.${GATEWAY_DOMAIN}`,
        webConferencingEdgeFqdn: `webcon.${GATEWAY_DOMAIN}`,
        internalEdgeFqdn: 'edge-int.edge.local',
        xmppDomains: [GATEWAY_DOMAIN],
        edgePoolSize: 1,
      }),
    );
    await this.must(this.edgewiz('topology', 'set', '--file', join(this.dir, 'topology.json')));
    await this.must(this.edgewiz('gateway', 'configure', '--listen', GATEWAY_ADDRESS, '--port', '5269'));
    const tls = join(this.dataDir, 'gateway', 'tls');
    mkdirSync(tls, { recursive: true, mode: 0o700 });
    const issued = this.issue(GATEWAY_DOMAIN);
    writeFileSync(join(tls, 'gateway.crt'), readFileSync(issued.certificate));
    writeFileSync(join(tls, 'gateway.key'), readFileSync(issued.key), { mode: 0o600 });
    await this.setPartners(partners);
    await this.must(this.edgewiz('gateway', 'start'));
  }

  async setPartners(partners: object[]): Promise<RunResult> {
    writeFileSync(join(this.dir, 'partners.json'), JSON.stringify(partners));
    return this.must(this.edgewiz('partners', 'add', '--file', join(this.dir, 'partners.json')));
  }

  async must(pending: Promise<RunResult>): Promise<RunResult> {
    const result = await pending;
    if (result.code !== 0) throw new Error(`exit ${result.code}\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  /** A hand-written Prosody serving `hosts` on `address`, as another organization would run it. */
  async startPeer(name: string, address: string, hosts: PeerHost[]): Promise<Peer> {
    const dir = join(this.dir, name);
    mkdirSync(join(dir, 'data'), { recursive: true });
    const lua = (value: string) => JSON.stringify(value);
    const config = [
      'run_as_root = true',
      `pidfile = ${lua(join(dir, 'prosody.pid'))}`,
      `data_path = ${lua(join(dir, 'data'))}`,
      `log = { { levels = { min = "info" }, to = "file", filename = ${lua(join(dir, 'prosody.log'))} } }`,
      `interfaces = { ${lua(address)} }`,
      `s2s_interfaces = { ${lua(address)} }`,
      'c2s_ports = {}',
      'http_ports = {}',
      'https_ports = {}',
      'component_ports = {}',
      'modules_enabled = { "admin_shell", "ping", "disco" }',
      'modules_disabled = { "c2s", "offline" }',
      // Policy is per host below; the global switches stay permissive so each host behaves as configured.
      's2s_require_encryption = false',
      's2s_secure_auth = false',
      `admin_socket = ${lua(join(dir, 'data', 'admin.sock'))}`,
      `certificates = ${lua(dir)}`,
      ...hosts.flatMap((host) => {
        const issued = this.issue(host.domain, host.untrusted);
        const modules = [...(host.tls ? ['tls'] : []), ...(host.dialback ? ['dialback'] : []), ...(host.sasl ? ['saslauth'] : [])];
        return [
          `VirtualHost ${lua(host.domain)}`,
          `\tmodules_enabled = { "admin_shell", "ping", "disco", ${modules.map(lua).join(', ')} }`,
          `\tssl = { certificate = ${lua(issued.certificate)}; key = ${lua(issued.key)}; }`,
        ];
      }),
      '',
    ].join('\n');
    const configFile = join(dir, 'prosody.cfg.lua');
    writeFileSync(configFile, config);
    this.spawnInside(PROSODY, ['-F', '--config', configFile], join(dir, 'prosody.log'));
    const peer = new Peer(this, configFile, join(dir, 'prosody.log'));
    await this.waitFor(`peer ${name} listens`, () => peer.log().includes("Activated service 's2s'"), 10_000);
    return peer;
  }

  /**
   * ejabberd (Debian's 23.01) serving `hosts` on `address`, configured by hand: STARTTLS
   * required, SASL EXTERNAL and dialback. Its own Erlang VM without distribution (no epmd); it
   * pings the gateway from every host once a second, so streams open as soon as it can.
   */
  async startEjabberd(address: string, hosts: string[]): Promise<() => string> {
    const dir = join(this.dir, 'ejabberd');
    mkdirSync(join(dir, 'spool'), { recursive: true });
    const certfiles = hosts.map((domain) => {
      const issued = this.issue(domain);
      const pem = join(dir, `${domain}.pem`);
      writeFileSync(pem, readFileSync(issued.certificate, 'utf8') + readFileSync(issued.key, 'utf8'));
      return pem;
    });
    const quote = (value: string) => JSON.stringify(value);
    writeFileSync(
      join(dir, 'ejabberd.yml'),
      [
        'hosts:',
        ...hosts.map((host) => `  - ${quote(host)}`),
        'loglevel: info',
        'certfiles:',
        ...certfiles.map((file) => `  - ${quote(file)}`),
        `ca_file: ${quote(this.ca.cert)}`,
        's2s_use_starttls: required',
        'listen:',
        '  -',
        '    port: 5269',
        `    ip: ${quote(address)}`,
        '    module: ejabberd_s2s_in',
        'modules:',
        '  mod_s2s_dialback: {}',
        '  mod_ping: {}',
        '  mod_disco: {}',
        '',
      ].join('\n'),
    );
    // ejabberd reads DNS through Erlang's resolver: point it at the namespace's resolv.conf.
    writeFileSync(join(dir, 'inetrc'), '{lookup,["file","dns"]}.\n{file, resolv, "/etc/resolv.conf"}.\n');
    const pings = hosts
      .map(
        (host) =>
          `ejabberd_router:route(xmpp:decode(fxml_stream:parse_element(<<"<iq xmlns='jabber:server' type='get' id='lab' from='${host}' to='${GATEWAY_DOMAIN}'><ping xmlns='urn:xmpp:ping'/></iq>">>)))`,
      )
      .join(', ');
    const log = join(dir, 'ejabberd.out');
    const script = `exec erl -noinput -noshell +K true -mnesia dir '"${join(dir, 'spool')}"' -s ejabberd -eval ${JSON.stringify(`spawn(fun Loop() -> timer:sleep(1000), catch begin ${pings} end, Loop() end)`)} > ${log} 2>&1`;
    this.spawnInside(
      '/usr/bin/env',
      [
        `HOME=${dir}`,
        `EJABBERD_CONFIG_PATH=${join(dir, 'ejabberd.yml')}`,
        `EJABBERD_LOG_PATH=${join(dir, 'log')}`,
        `ERL_INETRC=${join(dir, 'inetrc')}`,
        `ERL_LIBS=${EJABBERD_LIBS}`,
        '/bin/sh',
        '-c',
        script,
      ],
      log,
    );
    const read = () => {
      try {
        return readFileSync(log, 'utf8');
      } catch {
        return '';
      }
    };
    await this.waitFor('ejabberd starts', () => /Start accepting TCP connections at .*ejabberd_s2s_in/.test(read()), 40_000);
    return read;
  }

  gatewayLog(): string {
    try {
      return readFileSync(join(this.dataDir, 'gateway', 'prosody.log'), 'utf8');
    } catch {
      return '';
    }
  }

  close(): void {
    // Closing stdin ends the holder; SIGKILL makes sure. --kill-child then ends the whole namespace.
    this.holder.stdin?.end();
    this.holder.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** For failure messages: the tails of every log. */
  logs(): string {
    const tail = (text: string) => text.split('\n').slice(-40).join('\n');
    return `--- gateway\n${tail(this.gatewayLog())}\n--- hosts ${this.hosts.join(', ')}`;
  }
}

export class Peer {
  constructor(
    private readonly lab: FederationLab,
    readonly configFile: string,
    private readonly logFile: string,
  ) {}

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** XEP-0199 ping from one of the peer's hosts to the gateway domain: true on a pong. */
  async ping(from: string, to = GATEWAY_DOMAIN): Promise<{ ok: boolean; output: string }> {
    const result = await this.lab.run(
      '/usr/bin/prosodyctl',
      ['--config', this.configFile, 'shell', `xmpp:ping(${JSON.stringify(from)}, ${JSON.stringify(to)}, 8)`],
      15_000,
    );
    const output = `${result.stdout}${result.stderr}`;
    return { ok: /Result: pong from/.test(output), output };
  }

  /** The peer's own view of its server-to-server sessions. */
  async sessions(): Promise<string> {
    const result = await this.lab.run('/usr/bin/prosodyctl', ['--config', this.configFile, 'shell', 's2s:show()'], 10_000);
    return result.stdout;
  }
}
