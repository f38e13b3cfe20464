import type { GatewayDriverKind, GatewaySettings, GatewayStatus, ProbeResult } from '../../shared/gateway/types';
import type { GatewaySession } from '../../shared/gateway/sessions';
import { RpcError } from '../../shared/rpc/protocol';
import { EXIT_OK, UsageError, call, untilSignal, type CliCommand, type CommandContext } from '../cli/kit';
import { countOf } from '../../shared/plural';
import { DEFAULT_LOG_LINES, MAX_LOG_LINES } from '../../shared/gateway/log-lines';

function describeProbe(probe: ProbeResult | null): string {
  if (!probe) return '—';
  if (!probe.ok) return `failed: ${probe.error ?? 'no answer'}`;
  const features = probe.features;
  const parts = [
    features?.starttls ? `STARTTLS${features.starttlsRequired ? ' (required)' : ''}` : 'no STARTTLS',
    features?.dialback ? 'dialback' : 'no dialback',
  ];
  const sasl = probe.tls?.features?.saslMechanisms ?? features?.saslMechanisms ?? [];
  if (sasl.length) parts.push(`SASL ${sasl.join(' ')}`);
  if (probe.tls?.certificate) parts.push(`certificate ${probe.tls.certificate.fingerprint256}`);
  if (probe.policyRefusal) parts.push(`anonymous probe refused by partner policy after TLS, as expected (${probe.policyRefusal})`);
  return `ok in ${probe.durationMs} ms: ${parts.join(', ')}`;
}

function formatStatus(status: GatewayStatus): string {
  const rows: [string, string][] = [
    ['Driver', status.driver],
    ['State', status.state],
    ['PID', status.pid === null ? '—' : String(status.pid)],
    ['Port', String(status.port)],
    ['Since', status.since ?? '—'],
    ['TLS', status.tls.message],
    ['Probe', describeProbe(status.probe)],
  ];
  if (status.message) rows.push(['Message', status.message]);
  const width = Math.max(...rows.map(([label]) => label.length));
  let text = rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n';
  if (status.logTail?.length) text += `\nLast log lines:\n${status.logTail.map((line) => `  ${line}`).join('\n')}\n`;
  return text;
}

/** What `status --json` prints: driver, state, pid, port, since and the probe, nothing more. */
const statusJson = (status: GatewayStatus) => ({
  driver: status.driver,
  state: status.state,
  pid: status.pid,
  port: status.port,
  since: status.since,
  probe: status.probe,
});

function operation(method: 'gateway.start' | 'gateway.stop' | 'gateway.restart' | 'gateway.reload', help: string): CliCommand {
  const name = method.slice('gateway.'.length);
  return {
    words: ['gateway', name],
    usage: [`gateway ${name.padEnd(26)}${help}`],
    async run(context: CommandContext) {
      const status = await call(context.core(), method, {});
      context.out(statusJson(status), formatStatus(status));
      return EXIT_OK;
    },
  };
}

function port(value: string | boolean | undefined, flag: string): number {
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < 1 || n > 65535)
    throw new UsageError(`--${flag} must be a port number from 1 to 65535, not "${String(value)}"`);
  return n;
}

function formatSessions(sessions: GatewaySession[]): string {
  if (!sessions.length) return 'No open server-to-server sessions.\n';
  return sessions
    .map((s) => {
      const cert = s.tls?.peerCertificate;
      const rows: [string, string][] = [
        ['Direction', s.direction],
        ['Local', s.localDomain ?? '—'],
        ['Since', s.since ?? '—'],
        ['Encrypted', s.tls ? `${s.tls.protocol ?? '?'} ${s.tls.cipher ?? ''}`.trim() : 'no'],
        ['Authenticated', s.authenticated === 'EXTERNAL' ? 'SASL EXTERNAL' : (s.authenticated ?? 'not yet')],
        [
          'Peer certificate',
          cert ? `${cert.names.join(', ')} (valid ${cert.notBefore} to ${cert.notAfter}; chain ${cert.chain ?? '?'})` : '—',
        ],
        [
          'Partner',
          s.partner
            ? `${s.partner.domain}: TLS ${s.partner.tls}, SASL ${s.partner.sasl}, dialback ${s.partner.dialback ? 'yes' : 'no'}`
            : 'none',
        ],
        ['Meets settings', s.meetsPolicy ? 'yes' : 'no'],
        ['Stanzas in/out', `${s.stanzasIn} / ${s.stanzasOut}`],
      ];
      return `${s.remoteDomain ?? '(unnamed)'}\n${rows.map(([label, value]) => `  ${label.padEnd(16)}  ${value}`).join('\n')}\n`;
    })
    .join('\n');
}

export const gatewayCommands: CliCommand[] = [
  {
    words: ['gateway', 'sessions'],
    usage: ["gateway sessions [--json]         List the running gateway's server-to-server sessions"],
    async run(context) {
      const { sessions } = await call(context.core(), 'gateway.sessions', {});
      context.out(sessions, formatSessions(sessions));
      return EXIT_OK;
    },
  },
  {
    words: ['gateway', 'disconnect'],
    usage: ['gateway disconnect DOMAIN         Close the open sessions with DOMAIN'],
    args: ['DOMAIN'],
    async run(context, _values, args) {
      const domain = args[0];
      const result = await call(context.core(), 'gateway.disconnect', { domain });
      context.out(
        result,
        result.closed ? `Closed ${countOf(result.closed, 'session', 'sessions')} with ${domain}.\n` : `No open session with ${domain}.\n`,
      );
      return EXIT_OK;
    },
  },
  {
    words: ['gateway', 'status'],
    usage: ['gateway status                    Show the gateway: state, pid, port, TLS and a fresh probe'],
    async run(context) {
      const status = await call(context.core(), 'gateway.status', {});
      context.out(statusJson(status), formatStatus(status));
      return EXIT_OK;
    },
  },
  operation('gateway.start', 'Start the gateway (waits until it answers on its port)'),
  operation('gateway.stop', 'Stop the gateway (graceful, then killed after a timeout)'),
  operation('gateway.restart', 'Restart the gateway (after a certificate change)'),
  operation('gateway.reload', 'Reread the configuration and certificate; partner changes reach open streams'),
  {
    words: ['gateway', 'logs'],
    usage: [
      'gateway logs [--lines N] [--follow]',
      `                                  The last N lines of the gateway log (default ${DEFAULT_LOG_LINES}, at most ${MAX_LOG_LINES}):`,
      "                                  Prosody's log file, or the unit's or service's journal; --follow then",
      "                                  prints the embedded gateway's new lines until Ctrl+C",
    ],
    options: { lines: { type: 'string' }, follow: { type: 'boolean', default: false } },
    async run(context, values) {
      if (values.lines !== undefined && (typeof values.lines !== 'string' || !/^\d{1,9}$/.test(values.lines)))
        throw new UsageError(`--lines must be a number, not "${String(values.lines)}"`);
      const core = context.core();
      const settings = values.follow ? await call(core, 'gateway.settings.get', {}) : null;
      if (settings && settings.driver !== 'prosody')
        throw new RpcError(
          'refused',
          settings.driver === 'systemd'
            ? `--follow follows the embedded gateway's log file; follow the unit's journal with: journalctl -f --unit ${settings.systemdUnit}`
            : "--follow follows the embedded gateway's log file; the Lync gateway service keeps its own log on its Windows server.",
        );
      if (!values.follow) {
        const log = await call(core, 'gateway.logs', values.lines === undefined ? {} : { lines: Number(values.lines) });
        context.out(log, log.lines.map((line) => `${line}\n`).join(''));
        return EXIT_OK;
      }
      const lines = values.lines === undefined ? DEFAULT_LOG_LINES : Number(values.lines);
      if (lines < 1 || lines > MAX_LOG_LINES)
        throw new RpcError('invalid-arguments', `lines: choose from 1 to ${MAX_LOG_LINES} lines, not ${lines}.`);
      // One JSON object per line with --json, so a reader can parse each batch as it comes.
      const print = (batch: string[]) =>
        context.io.stdout(context.json ? `${JSON.stringify({ lines: batch })}\n` : batch.map((line) => `${line}\n`).join(''));
      // The tail and the lines after it come from one reader, so none written in between is lost.
      const off = (await (await core).service('gateway')).followLog(print, lines);
      // The log watcher does not hold the process open by itself: this does, until a signal ends it.
      const alive = setInterval(() => {}, 60_000);
      try {
        await (context.io.untilStopped ?? untilSignal)();
      } finally {
        clearInterval(alive);
        off();
      }
      return EXIT_OK;
    },
  },
  {
    words: ['gateway', 'configure'],
    usage: [
      'gateway configure [--driver prosody|systemd|lync] [--port N] [--tls-port N|off]',
      '                  [--unit U] [--service S] [--listen ADDR[,ADDR]]',
      '                                  Choose the gateway and its ports (no option: show them)',
    ],
    options: {
      driver: { type: 'string' },
      port: { type: 'string' },
      'tls-port': { type: 'string' },
      unit: { type: 'string' },
      service: { type: 'string' },
      listen: { type: 'string' },
    },
    async run(context, values) {
      // Loaded here, not at start-up: the gateway types module carries zod schemas.
      const { gatewayDrivers, isIpAddress } = await import('../../shared/gateway/types');
      const patch: Partial<GatewaySettings> = {};
      if (values.driver !== undefined) {
        if (!gatewayDrivers.includes(values.driver as GatewayDriverKind)) throw new UsageError('--driver must be prosody, systemd or lync');
        patch.driver = values.driver as GatewayDriverKind;
      }
      if (values.port !== undefined) patch.s2sPort = port(values.port, 'port');
      if (values['tls-port'] !== undefined)
        patch.directTlsPort = values['tls-port'] === 'off' ? null : port(values['tls-port'], 'tls-port');
      if (typeof values.unit === 'string') patch.systemdUnit = values.unit;
      if (typeof values.service === 'string') patch.windowsService = values.service;
      if (typeof values.listen === 'string') {
        patch.interfaces = values.listen.split(',').map((address) => address.trim());
        const bad = patch.interfaces.find((address) => address !== '*' && !isIpAddress(address));
        if (bad !== undefined) {
          throw new RpcError(
            'invalid-arguments',
            `--listen: "${bad}" is not an IP address. Enter * (every interface) or IPv4/IPv6 addresses separated by commas; nothing was saved.`,
            [{ path: ['interfaces'], reason: 'gateway.listen-address', message: `"${bad}" is not an IP address.` }],
          );
        }
      }
      const core = context.core();
      const settings = Object.keys(patch).length
        ? await call(core, 'gateway.settings.set', patch)
        : await call(core, 'gateway.settings.get', {});
      const rows: [string, string][] = [
        ['Driver', settings.driver],
        ['s2s port', String(settings.s2sPort)],
        ['Direct TLS port', settings.directTlsPort === null ? 'off' : String(settings.directTlsPort)],
        ['Listen on', settings.interfaces.join(', ')],
        ['systemd unit', settings.systemdUnit],
        ['Windows service', settings.windowsService],
      ];
      const width = Math.max(...rows.map(([label]) => label.length));
      const saved = Object.keys(patch).length ? 'Gateway settings saved. Restart the gateway to apply them.\n' : '';
      context.out(settings, saved + rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n');
      return EXIT_OK;
    },
  },
];
