import { resolve } from 'node:path';
import type { AcmeStatus } from '../../shared/acme/acme';
import { renderProblem } from '../../shared/acme/messages';
import { describeOrder, describeRolloverStep, withProgress } from '../cli/acme-output';
import { EXIT_OK, EXIT_REFUSED, UsageError, call, requireOption, type CliCommand, type OptionValues } from '../cli/kit';

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
