import type { AcmeProgress, AcmeStatus, OrderResult } from '../../shared/acme/acme';
import { renderProblem, stepLabel } from '../../shared/acme/messages';
import { displayName } from '../../shared/certificates/names';
import type { RolloverStatus, RolloverStep } from '../../shared/dns/rollover';
import { EXIT_OK, call, issuesForFile, readJsonFile, requireOption, type CommandContext, type OptionValues } from './kit';

// What the ACME order, its renewals and a DANE key rollover print: shared by the acme, certificates and dns commands.

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
export async function withProgress<T>(context: CommandContext, task: () => Promise<T>): Promise<T> {
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

export function describeOrder(result: OrderResult): string {
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
        : `  Assign it with: edgewiz certificates assign --id ${result.id}`,
    'Equivalent commands:',
    ...result.commands.map((command) => command.replace(/^/gm, '  ')),
    ...(result.rollover ? [describeRolloverStep(result.rollover).trimEnd()] : []),
  ].join('\n');
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
