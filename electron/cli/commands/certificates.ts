import { resolve } from 'node:path';
import { edgewizRequestCommand } from '../../../shared/certificates/commands';
import { lintErrors, summarizeErrors, type LintFinding } from '../../../shared/certificates/lint';
import { displayName } from '../../../shared/certificates/names';
import { RpcError } from '../../../shared/rpc/protocol';
import { EXIT_OK, EXIT_REFUSED, call, issuesForFile, readJsonFile, requireOption, type CliCommand } from '../kit';

/** SPEC §9's finding shape for --json: {id, severity, message}. */
function plainFindings(findings: LintFinding[]): Pick<LintFinding, 'id' | 'severity' | 'message'>[] {
  return findings.map(({ id, severity, message }) => ({ id, severity, message }));
}

function formatFindings(findings: LintFinding[]): string {
  return findings.map((finding) => `${finding.severity} [${finding.id}] ${finding.message}\n`).join('');
}

export const certificateCommands: CliCommand[] = [
  {
    words: ['request'],
    usage: [
      'request --profile P.json --out FILE [--force]',
      '                                  Generate a key and write the certificate request (CSR);',
      '                                  --force writes it despite lint errors and replaces FILE',
    ],
    options: { profile: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false } },
    async run(context, values) {
      const file = requireOption(values, 'profile', 'request');
      const target = resolve(requireOption(values, 'out', 'request'));
      const force = values.force === true;
      const core = context.core();
      const profile = (await readJsonFile(file)) as never;
      // Linted first so a refusal can list every finding, warnings included.
      const lint = await call(core, 'certificates.lint', { profile }).catch((error: unknown) => {
        throw issuesForFile(error, file, 'profile');
      });
      if (lintErrors(lint.findings).length > 0 && !force) {
        const reason = `${file}: the request was not written: ${summarizeErrors(lint.findings)} (or use --force)`;
        if (context.json) context.io.stdout(`${JSON.stringify({ findings: plainFindings(lint.findings), error: { code: 'refused', message: reason } }, null, 2)}\n`);
        else context.io.stdout(formatFindings(lint.findings));
        context.io.stderr(`edgewiz: ${reason}\n`);
        return EXIT_REFUSED;
      }
      const result = await call(core, 'certificates.request', { profile, out: target, force }).catch((error: unknown) => {
        if (error instanceof RpcError && error.issues[0]?.reason === 'path.exists') {
          throw new RpcError('refused', `${error.message} Use --force to replace it.`, error.issues);
        }
        throw issuesForFile(error, file, 'profile');
      });
      const edgewiz = edgewizRequestCommand({ profilePath: file, out: target, force: force && lintErrors(result.findings).length > 0 });
      context.out(
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
    },
  },
  {
    words: ['lint'],
    usage: ['lint --profile P.json             Check a request profile (exit 1 when it has errors)'],
    options: { profile: { type: 'string' } },
    async run(context, values) {
      const file = requireOption(values, 'profile', 'lint');
      const profile = await readJsonFile(file);
      const result = await call(context.core(), 'certificates.lint', { profile: profile as never }).catch((error: unknown) => {
        throw issuesForFile(error, file, 'profile');
      });
      const human = result.findings.length > 0 ? formatFindings(result.findings) : 'No problems found: the request can be written.\n';
      context.out({ findings: plainFindings(result.findings) }, human);
      if (lintErrors(result.findings).length === 0) return EXIT_OK;
      context.io.stderr(`edgewiz: ${file}: ${summarizeErrors(result.findings)}\n`);
      return EXIT_REFUSED;
    },
  },
];
