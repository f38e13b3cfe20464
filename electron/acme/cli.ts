import { resolve } from 'node:path';
import type { AcmeProgress, AcmeStatus, OrderResult } from '../../shared/acme/acme';
import { renderProblem, stepLabel } from '../../shared/acme/messages';
import { displayName } from '../../shared/certificates/names';
import type { RolloverStatus, RolloverStep } from '../../shared/dns/rollover';
import {
  EXIT_OK,
  EXIT_REFUSED,
  UsageError,
  call,
  issuesForFile,
  readJsonFile,
  requireOption,
  type CliCommand,
  type CommandContext,
  type OptionValues,
} from '../cli/kit';

/** Each step of an order as it happens, on stderr so --json output stays one document. */
function progressPrinter(context: CommandContext): (progress: AcmeProgress) => void {
  return (progress) => {
    if (context.json || progress.state === 'running') return;
    const who = progress.name ?? 'order';
    const outcome = progress.state === 'done' ? 'done' : `failed: ${progress.error ? renderProblem(progress.error) : ''}`;
    context.io.stderr(`  ${who.padEnd(28)} ${stepLabel(progress.step).padEnd(20)} ${outcome}\n`);
  };
}

/** Runs a core call while its acme.progress events are printed. */
async function withProgress<T>(context: CommandContext, task: () => Promise<T>): Promise<T> {
  const print = progressPrinter(context);
  const off = (await context.core()).server.subscribe((name, payload) => {
    if (name === 'acme.progress') print(payload as AcmeProgress);
  });
  try {
    return await task();
  } finally {
    off();
  }
}

function describeOrder(result: OrderResult): string {
  return [
    `  ID          ${result.id}`,
    `  Names       ${result.sans.map(displayName).join(', ')}`,
    `  Valid until ${result.notAfter.slice(0, 10)}`,
    `  SHA-256     ${result.sha256}`,
    `  Took        ${result.seconds} s`,
    result.assigned
      ? `  Assigned to the gateway${result.reloaded ? ', which re-read it in place (same process)' : ' (the gateway is not running)'}`
      : result.rollover
        ? '  Assigned once its TLSA record has been seen for two TTLs (DANE key rollover)'
        : `  Assign it with: edgewiz assign --id ${result.id}`,
    'Equivalent commands:',
    ...result.commands.map((command) => command.replace(/^/gm, '  ')),
    ...(result.rollover ? [describeRolloverStep(result.rollover).trimEnd()] : []),
  ].join('\n');
}

function describeStatus(status: AcmeStatus): string {
  const lines = [
    status.account
      ? `ACME account  ${status.account.directory}${status.account.email ? ` (${status.account.email})` : ''}`
      : 'No ACME account: edgewiz acme configure --directory URL',
  ];
  if (status.account?.accountUrl) lines.push(`  Account     ${status.account.accountUrl}`);
  if (status.account?.caFile) lines.push(`  CA file     ${status.account.caFile}`);
  if (status.challenge === 'dns-01' && status.dns)
    lines.push(
      `  Challenge   dns-01 via ${status.dns.server}, key ${status.dns.tsigKeyFile}${status.dns.zones.length ? `, zones ${status.dns.zones.join(', ')}` : ''}`,
    );
  else if (status.challenge === 'http-01' && status.http) lines.push(`  Challenge   http-01 on ${status.http.address}:${status.http.port}`);
  else lines.push('  Challenge   none: edgewiz acme dns … or edgewiz acme http --port N');
  if (status.rollover)
    lines.push(
      `  DANE        rollover to ${status.rollover.friendlyName} (${status.rollover.certificateId}): ${renderProblem(status.rollover.waiting)}`,
    );
  for (const renewal of status.renewals) {
    const failure = renewal.lastError
      ? `; failed ${renewal.failures}×: ${renderProblem(renewal.lastError)} (next try ${renewal.nextAttempt?.slice(0, 16).replace('T', ' ')} UTC)`
      : '';
    lines.push(
      `  ${renewal.friendlyName} (${renewal.id}): ${renewal.replacedBy ? `replaced by ${renewal.replacedBy}` : `renews from ${renewal.renewAt.slice(0, 10)}`}${failure}`,
    );
  }
  return lines.join('\n') + '\n';
}

type Renewal = AcmeStatus['renewals'][number];
/** What `list` shows about a certificate's renewal, and about the DANE rollover that switches to it. */
interface RenewalLine {
  renewal?: Renewal;
  rollover?: RolloverStatus;
}

export function renewalsById(renewals: Renewal[], rollover: RolloverStatus | null = null): Map<string, RenewalLine> {
  const lines = new Map<string, RenewalLine>(renewals.map((renewal) => [renewal.id, { renewal }]));
  if (rollover) lines.set(rollover.certificateId, { ...lines.get(rollover.certificateId), rollover });
  return lines;
}

/** `list --json` rows of ACME certificates carry their renewal; other rows are left as they are. */
export function withRenewal<T extends object>(row: T, line: RenewalLine | undefined): T {
  if (!line) return row;
  let result: T = row;
  if (line.renewal) {
    const { renewAt, failures, nextAttempt, lastError, replacedBy } = line.renewal;
    result = {
      ...result,
      renewal: {
        renewAt,
        failures,
        nextAttempt,
        lastError: lastError ? { ...lastError, message: renderProblem(lastError) } : null,
        replacedBy,
      },
    };
  }
  if (line.rollover) result = { ...result, daneRollover: { ...line.rollover, message: renderProblem(line.rollover.waiting) } };
  return result;
}

/** The line saying what a pending DANE rollover waits for. */
const rolloverLine = (rollover: RolloverStatus) => `DANE        ${renderProblem(rollover.waiting)}`;

/** The `list` lines about an ACME certificate's renewal and a DANE rollover to it (empty for others). */
export function describeRenewal(line: RenewalLine | undefined): string {
  const rollover = line?.rollover ? `\n  ${rolloverLine(line.rollover)}` : '';
  const renewal = line?.renewal;
  if (!renewal) return rollover;
  if (renewal.replacedBy)
    return `\n  Renewal     replaced by ${renewal.replacedBy}; listed until it expires, then removed with its key${rollover}`;
  const failure = renewal.lastError
    ? `\n  Renewal     failed ${renewal.failures}×: ${renderProblem(renewal.lastError)} Next try ${renewal.nextAttempt?.slice(0, 16).replace('T', ' ')} UTC; this certificate keeps serving.`
    : '';
  return `\n  Renews      from ${renewal.renewAt.slice(0, 16).replace('T', ' ')} UTC (edgewiz renew --due)${failure}${rollover}`;
}

/** What a rollover step did, for `renew` and `dns rollover`. */
export function describeRolloverStep(step: RolloverStep): string {
  const lines: string[] = [];
  if (step.outcome === 'switched' && step.rollover) {
    lines.push(
      `DANE: the gateway serves ${step.rollover.friendlyName} (${step.rollover.certificateId}) now${step.reloaded ? ', re-read in place (same process)' : ' (the gateway is not running)'}.`,
      step.oldRemoved ? 'DANE: the old TLSA record was removed.' : 'DANE: remove the old TLSA record now:',
    );
  } else if (step.rollover) {
    if (step.outcome === 'staged')
      lines.push(
        step.rollover.publishedBy === 'nsupdate'
          ? `DANE: the next key's TLSA record was published next to the current one (${step.rollover.server}); the gateway keeps its key for now.`
          : "DANE: publish the next key's TLSA record next to the current one; the gateway keeps its key for now:",
      );
    if (step.problem) lines.push(`DANE: ${renderProblem(step.problem)}`);
    lines.push(`DANE: ${renderProblem(step.rollover.waiting)}`);
    lines.push('DANE: edgewiz renew --due, edgewiz dns rollover or the desktop app switches it then.');
  } else lines.push('No DANE key rollover is pending.');
  if (step.script) lines.push(step.script.replace(/^/gm, '  ').trimEnd());
  return `${lines.join('\n')}\n`;
}

/** `edgewiz request --profile P.json --immediate [--assign]`: the wizard's request, ordered now. */
export async function requestImmediate(context: CommandContext, values: OptionValues): Promise<number> {
  const file = requireOption(values, 'profile', 'request');
  const profile = (await readJsonFile(file)) as never;
  const result = await withProgress(context, () =>
    call(context.core(), 'acme.order', { profile, assign: values.assign === true }).catch((error: unknown) => {
      throw issuesForFile(error, file, 'profile');
    }),
  );
  context.out(result, `Certificate issued and imported.\n${describeOrder(result)}\n`);
  return EXIT_OK;
}

function port(values: OptionValues): number {
  const text = requireOption(values, 'port', 'acme http');
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 65535) throw new UsageError(`--port must be a port number (1-65535), not "${text}"`);
  return value;
}

export const acmeCommands: CliCommand[] = [
  {
    words: ['acme', 'configure'],
    usage: [
      'acme configure --directory URL [--email E] [--ca-file PEM] [--renew-days N]',
      "                                  Register this data dir's ACME account (agreeing to the CA's terms);",
      "                                  --ca-file trusts a private CA's TLS and root; --renew-days overrides the window",
    ],
    options: { directory: { type: 'string' }, email: { type: 'string' }, 'ca-file': { type: 'string' }, 'renew-days': { type: 'string' } },
    async run(context, values) {
      const directory = requireOption(values, 'directory', 'acme configure');
      const renewText = typeof values['renew-days'] === 'string' ? values['renew-days'] : undefined;
      if (renewText !== undefined && !/^\d+$/.test(renewText))
        throw new UsageError(`--renew-days must be a number of days, not "${renewText}"`);
      const result = await call(context.core(), 'acme.configure', {
        directory,
        ...(typeof values.email === 'string' ? { email: values.email } : {}),
        ...(typeof values['ca-file'] === 'string' ? { caFile: resolve(values['ca-file']) } : {}),
        ...(renewText !== undefined ? { renewDays: Number(renewText) } : {}),
      });
      context.out(
        result,
        `${describeStatus(result)}${result.termsOfService ? `Terms of service accepted: ${result.termsOfService}\n` : ''}`,
      );
      return EXIT_OK;
    },
  },
  {
    words: ['acme', 'dns'],
    usage: [
      'acme dns --server HOST:PORT --tsig-key FILE [--zone Z]...',
      '                                  Answer dns-01 with RFC 2136 updates signed by the TSIG key (tsig-keygen format)',
    ],
    options: { server: { type: 'string' }, 'tsig-key': { type: 'string' }, zone: { type: 'string', multiple: true } },
    async run(context, values) {
      const server = requireOption(values, 'server', 'acme dns');
      const tsigKeyFile = resolve(requireOption(values, 'tsig-key', 'acme dns'));
      const zones = (values.zone as unknown as string[] | undefined) ?? [];
      const result = await call(context.core(), 'acme.dns', { server, tsigKeyFile, zones });
      context.out(result, describeStatus(result));
      return EXIT_OK;
    },
  },
  {
    words: ['acme', 'http'],
    usage: [
      'acme http --port N [--address A]  Answer http-01 with a listener on port N (all addresses unless --address) during each order',
    ],
    options: { port: { type: 'string' }, address: { type: 'string' } },
    async run(context, values) {
      const result = await call(context.core(), 'acme.http', {
        port: port(values),
        ...(typeof values.address === 'string' ? { address: values.address } : {}),
      });
      context.out(result, describeStatus(result));
      return EXIT_OK;
    },
  },
  {
    words: ['acme', 'status'],
    usage: ["acme status                       The ACME account, the challenge, and each certificate's renewal"],
    async run(context) {
      const result = await call(context.core(), 'acme.status', {});
      context.out(result, describeStatus(result));
      return EXIT_OK;
    },
  },
  {
    words: ['renew'],
    usage: [
      'renew --id ID | --due             Renew now (new key, same names; assigned + gateway reloaded in place when',
      '                                  the old one was); --due renews every certificate inside its window (cron, timers)',
    ],
    options: { id: { type: 'string' }, due: { type: 'boolean', default: false } },
    async run(context, values) {
      const id = typeof values.id === 'string' ? values.id : undefined;
      if ((id === undefined) === (values.due !== true)) throw new UsageError('renew needs --id ID or --due (one of them)');
      if (id !== undefined) {
        const result = await withProgress(context, () => call(context.core(), 'acme.renew', { id }));
        context.out(result, `Renewed ${id}.\n${describeOrder(result)}\n`);
        return EXIT_OK;
      }
      const report = await withProgress(context, () => call(context.core(), 'acme.renewDue', {}));
      const lines = [
        ...(report.rollover.outcome === 'none' ? [] : [describeRolloverStep(report.rollover).trimEnd()]),
        ...report.renewed.map((outcome) =>
          outcome.result
            ? `Renewed ${outcome.friendlyName} (${outcome.id}) → ${outcome.result.id}${outcome.result.assigned ? ', assigned' : ''}${outcome.result.reloaded ? ', gateway reloaded in place' : ''}${outcome.result.rollover ? `\n${describeRolloverStep(outcome.result.rollover).trimEnd()}` : ''}`
            : `FAILED ${outcome.friendlyName} (${outcome.id}): ${outcome.error?.message}`,
        ),
        ...report.waiting.map((wait) => `Not due: ${wait.friendlyName} (${wait.id}) until ${wait.at.slice(0, 16).replace('T', ' ')} UTC`),
        ...report.removed.map((gone) => `Removed the replaced, expired ${gone.friendlyName} (${gone.id}) and its key`),
      ];
      context.out(report, `${lines.length ? lines.join('\n') : 'No ACME certificates.'}\n`);
      const failed = report.renewed.filter((outcome) => outcome.error);
      if (failed.length === 0) return EXIT_OK;
      context.io.stderr(
        `edgewiz: ${failed.length} renewal${failed.length === 1 ? '' : 's'} failed; the old certificate${failed.length === 1 ? ' keeps' : 's keep'} serving.\n`,
      );
      return EXIT_REFUSED;
    },
  },
];
