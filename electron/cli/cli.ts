import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { edgewizRequestCommand } from '../../shared/certificates/commands';
import { lintErrors, summarizeErrors, type LintFinding } from '../../shared/certificates/lint';
import { displayName } from '../../shared/certificates/names';
import { toUnicodeName } from '../../shared/domain/dns-name';
import type { Topology } from '../../shared/domain/topology';
import type { MethodArgs, MethodName, MethodResult } from '../../shared/rpc/contract';
import { RpcError, type FieldIssue } from '../../shared/rpc/protocol';
import { APP_VERSION, createCore, type Core } from '../core/core';
import { findUiRoot, resolveDataDir } from '../paths';
import { startUiServer } from '../serve/ui-server';
import { confBacking } from '../store/conf-backing';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when a long-running command (serve) should stop. */
  untilStopped?: () => Promise<void>;
}

export const USAGE = `Usage: edgewiz [--data-dir DIR] [--json] <command> [options]

Commands:
  topology show                     Show the edge topology
  topology set --file T.json        Replace the edge topology with the file's content
  request --profile P.json --out FILE [--force]
                                    Generate a key and write the certificate request (CSR);
                                    --force writes it despite lint errors and replaces FILE
  lint --profile P.json             Check a request profile (exit 1 when it has errors)
  serve [--port N]                  Serve the Edge Wizard UI on 127.0.0.1 (token-protected)

Options:
  --data-dir DIR   Where state is kept (default: EDGEWIZ_DATA_DIR, else the app's own folder)
  --json           Machine-readable output
  -h, --help       Show this help
  -v, --version    Show the version

Exit codes: 0 success, 1 refused or failed (reason on stderr), 2 bad usage.
`;

class UsageError extends Error {}

const globalOptions = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const satisfies ParseArgsConfig['options'];

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...globalOptions, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function describeIssues(issues: FieldIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
}

async function call<M extends MethodName>(core: Core, method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  const outcome = await core.server.dispatch(method, args);
  if (!outcome.ok) throw RpcError.fromWire(outcome.error);
  return outcome.result as MethodResult<M>;
}

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RpcError('refused', `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new RpcError('refused', `${path}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/** A profile file's schema issues, named relative to the file (the "profile" argument dropped). */
function forFile(error: unknown, file: string): unknown {
  if (error instanceof RpcError && error.code === 'invalid-arguments') {
    const issues = error.issues.filter((issue) => issue.path[0] === 'profile').map((issue) => ({ ...issue, path: issue.path.slice(1) }));
    if (issues.length > 0) return new RpcError('invalid-arguments', `${file}: ${describeIssues(issues)}`, issues);
  }
  return error;
}

/** SPEC §9's finding shape for --json: {id, severity, message}. */
function plainFindings(findings: LintFinding[]): Pick<LintFinding, 'id' | 'severity' | 'message'>[] {
  return findings.map(({ id, severity, message }) => ({ id, severity, message }));
}

function formatFindings(findings: LintFinding[]): string {
  return findings.map((finding) => `${finding.severity} [${finding.id}] ${finding.message}\n`).join('');
}

function formatTopology(topology: Topology): string {
  const name = (ascii: string) => {
    const unicode = toUnicodeName(ascii);
    return unicode === ascii ? ascii : `${unicode} (${ascii})`;
  };
  const rows: [string, string][] = [
    ['SIP domains', topology.sipDomains.map(name).join(', ')],
    ['Access edge FQDN', name(topology.accessEdgeFqdn)],
    ['Web conferencing edge FQDN', topology.webConferencingEdgeFqdn ? name(topology.webConferencingEdgeFqdn) : '—'],
    ['A/V edge FQDN', topology.audioVideoEdgeFqdn ? name(topology.audioVideoEdgeFqdn) : '—'],
    ['Internal edge FQDN', name(topology.internalEdgeFqdn)],
    ['XMPP domains', topology.xmppDomains.length ? topology.xmppDomains.map(name).join(', ') : '— (XMPP proxy not installed)'],
    ['Edge pool size', String(topology.edgePoolSize)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n';
}

const commandOptions = {
  file: { type: 'string' },
  port: { type: 'string' },
  profile: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let first: ReturnType<typeof parse<typeof commandOptions>>;
  try {
    first = parse(argv, commandOptions);
  } catch (error) {
    // An unknown or malformed option is bad usage (exit 2), like an unknown command.
    io.stderr(`edgewiz: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = first;
  const json = values.json === true;
  const out = (value: unknown, human: string) => io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : human);

  try {
    if (values.version) {
      out({ version: APP_VERSION }, `edgewiz ${APP_VERSION}\n`);
      return EXIT_OK;
    }
    if (values.help || positionals.length === 0) {
      io.stdout(USAGE);
      return values.help ? EXIT_OK : EXIT_USAGE;
    }
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const [command, sub] = positionals;
    const core = createCore({ dataDir, host: command === 'serve' ? 'serve' : 'cli', storeBacking: confBacking, log: (m) => io.stderr(`edgewiz: ${m}\n`) });

    if (command === 'topology' && sub === 'show' && positionals.length === 2) {
      const topology = await call(core, 'topology.get', {});
      if (!topology) {
        if (json) out(null, '');
        else io.stdout('No edge topology is set. Use: edgewiz topology set --file T.json\n');
        return EXIT_OK;
      }
      out(topology, formatTopology(topology));
      return EXIT_OK;
    }
    if (command === 'topology' && sub === 'set' && positionals.length === 2) {
      if (!values.file) throw new UsageError('topology set needs --file T.json');
      const file = values.file;
      const input = await readJsonFile(file);
      try {
        const saved = await call(core, 'topology.set', { topology: input as never });
        out(saved, `Edge topology saved.\n${formatTopology(saved)}`);
      } catch (error) {
        if (error instanceof RpcError && error.code === 'invalid-arguments') {
          const issues = error.issues.map((issue) => ({ ...issue, path: issue.path.slice(1) }));
          throw new RpcError('invalid-arguments', `${file}: ${describeIssues(issues)}`, issues);
        }
        throw error;
      }
      return EXIT_OK;
    }
    if (command === 'lint' && positionals.length === 1) {
      if (!values.profile) throw new UsageError('lint needs --profile P.json');
      const file = values.profile;
      const profile = await readJsonFile(file);
      const result = await call(core, 'certificates.lint', { profile: profile as never }).catch((error: unknown) => {
        throw forFile(error, file);
      });
      const human = result.findings.length > 0 ? formatFindings(result.findings) : 'No problems found: the request can be written.\n';
      out({ findings: plainFindings(result.findings) }, human);
      if (lintErrors(result.findings).length === 0) return EXIT_OK;
      io.stderr(`edgewiz: ${file}: ${summarizeErrors(result.findings)}\n`);
      return EXIT_REFUSED;
    }
    if (command === 'request' && positionals.length === 1) {
      if (!values.profile) throw new UsageError('request needs --profile P.json');
      if (!values.out) throw new UsageError('request needs --out FILE');
      const file = values.profile;
      const target = resolve(values.out);
      const force = values.force === true;
      const profile = (await readJsonFile(file)) as never;
      // Linted first so a refusal can list every finding, warnings included.
      const lint = await call(core, 'certificates.lint', { profile }).catch((error: unknown) => {
        throw forFile(error, file);
      });
      if (lintErrors(lint.findings).length > 0 && !force) {
        const reason = `${file}: the request was not written: ${summarizeErrors(lint.findings)} (or use --force)`;
        if (json) io.stdout(`${JSON.stringify({ findings: plainFindings(lint.findings), error: { code: 'refused', message: reason } }, null, 2)}\n`);
        else io.stdout(formatFindings(lint.findings));
        io.stderr(`edgewiz: ${reason}\n`);
        return EXIT_REFUSED;
      }
      const result = await call(core, 'certificates.request', { profile, out: target, force }).catch((error: unknown) => {
        if (error instanceof RpcError && error.issues[0]?.reason === 'path.exists') {
          throw new RpcError('refused', `${error.message} Use --force to replace it.`, error.issues);
        }
        throw forFile(error, file);
      });
      const edgewiz = edgewizRequestCommand({ profilePath: file, out: target, force: force && lintErrors(result.findings).length > 0 });
      out(
        { id: result.id, out: result.out, findings: plainFindings(result.findings) },
        [
          `Certificate request written to ${result.out}`,
          `  Request ID  ${result.id}`,
          `  Subject     ${result.subject}`,
          `  Names       ${result.sans.map(displayName).join(', ')}`,
          formatFindings(result.findings).trimEnd(),
          'Submit the file to your certificate authority, then import the certificate it issues.',
          'Equivalent commands:',
          `  ${edgewiz}`,
          `  ${result.commands.powershell}`,
        ]
          .filter((line) => line !== '')
          .join('\n') + '\n',
      );
      return EXIT_OK;
    }
    if (command === 'serve' && positionals.length === 1) {
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
      const uiRoot = findUiRoot();
      if (!uiRoot) throw new RpcError('refused', 'The UI is not built. Run: npm run build');
      const ui = await startUiServer({ server: core.server, uiRoot, port });
      out({ url: ui.url, port: ui.port }, `Edge Wizard is serving on ${ui.url}\nOpen that address in a browser. Press Ctrl+C to stop.\n`);
      await (io.untilStopped ?? waitForSignal)();
      await ui.close();
      return EXIT_OK;
    }
    throw new UsageError(`unknown command "${positionals.join(' ')}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`edgewiz: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    const rpc = error instanceof RpcError ? error : new RpcError('internal', error instanceof Error ? error.message : String(error));
    if (json) io.stdout(`${JSON.stringify({ error: rpc.toWire() }, null, 2)}\n`);
    io.stderr(`edgewiz: ${rpc.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return EXIT_REFUSED;
  }
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
