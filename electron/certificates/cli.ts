import { resolve, sep } from 'node:path';
import { edgewizRequestCommand } from '../../shared/certificates/commands';
import type * as InstalledRules from '../../shared/certificates/installed';
import type { CertificateEntry } from '../../shared/certificates/installed';
import type { LintFinding } from '../../shared/certificates/lint';
import { displayName } from '../../shared/certificates/names';
import { errorMessage } from '../../shared/errors';
import { RpcError } from '../../shared/rpc/protocol';
import { describeRenewal, renewalsById, requestImmediate, withRenewal } from '../cli/acme-output';
import { BoundedReadError, readBoundedFile } from '../files/bounded-read';
import { EXIT_OK, EXIT_REFUSED, call, issuesForFile, readJsonFile, requireOption, type CliCommand } from '../cli/kit';

// The certificate rules carry zod schemas: they load when a command runs, not for --help.
const installedRules = () => import('../../shared/certificates/installed');
const lintRules = () => import('../../shared/certificates/lint');

/** A finding as --json prints it: {id, severity, message}, nothing else. */
function plainFindings(findings: LintFinding[]): Pick<LintFinding, 'id' | 'severity' | 'message'>[] {
  return findings.map(({ id, severity, message }) => ({ id, severity, message }));
}

function formatFindings(findings: LintFinding[]): string {
  return findings.map((finding) => `${finding.severity} [${finding.id}] ${finding.message}\n`).join('');
}

/** The first line of the file, as `openssl -passin file:` reads it; the password never appears in output. */
/** A password file holds one line; anything past this is not a password file. */
const MAX_PASSWORD_FILE_BYTES = 4096;

async function readPassword(path: string): Promise<string> {
  let text: string;
  try {
    text = (await readBoundedFile(path, MAX_PASSWORD_FILE_BYTES)).toString('utf8');
  } catch (error) {
    throw new RpcError(
      'refused',
      error instanceof BoundedReadError
        ? `${error.message} (a password file).`
        : `${path}: cannot read the password file (${errorMessage(error)}).`,
    );
  }
  return text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
}

/** A `list --json` row: the same fields for every entry, null where a pending request has none. */
function listRow(entry: CertificateEntry, { isInstalled }: typeof InstalledRules) {
  const installed = isInstalled(entry);
  return {
    id: entry.id,
    usage: entry.usage,
    state: entry.state,
    subject: entry.subject,
    sans: entry.sans,
    notBefore: installed ? entry.notBefore : null,
    notAfter: installed ? entry.notAfter : null,
    sha1: installed ? entry.sha1 : null,
    sha256: installed ? entry.sha256 : null,
    exportable: entry.exportable,
  };
}

function describeEntry(entry: CertificateEntry, { isInstalled, daysUntil }: typeof InstalledRules): string {
  const lines = [
    `${entry.id}  ${entry.usage}  ${entry.state}  ${entry.friendlyName}`,
    `  Subject     ${entry.subject}`,
    `  Names       ${entry.sans.map(displayName).join(', ')}`,
  ];
  if (isInstalled(entry)) {
    const days = daysUntil(entry.notAfter);
    lines.push(
      `  Valid       ${entry.notBefore.slice(0, 10)} to ${entry.notAfter.slice(0, 10)} (${days < 0 ? 'expired' : `${days} days left`})`,
    );
    lines.push(`  Thumbprint  ${entry.sha1}`);
  } else {
    lines.push(`  Request     ${entry.out}`);
  }
  lines.push(`  Exportable  ${entry.exportable ? 'yes' : 'no'}`);
  return lines.join('\n');
}

const verbs: CliCommand[] = [
  {
    words: ['request'],
    usage: [
      'certificates request --profile P.json --out FILE [--force]',
      '                                  Generate a key and write the certificate request (CSR);',
      '                                  --force writes it despite lint errors and replaces FILE',
      'certificates request --profile P.json --immediate [--assign]',
      '                                  Order it from the ACME CA now and import it (--assign: and assign it)',
    ],
    options: {
      profile: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      immediate: { type: 'boolean', default: false },
      assign: { type: 'boolean', default: false },
    },
    async run(context, values) {
      if (values.immediate) return requestImmediate(context, values);
      const file = requireOption(values, 'profile', 'request');
      const out = requireOption(values, 'out', 'request');
      // resolve() drops a trailing slash: keep it, so "DIR/x/" is refused as a folder, not written as a file "x".
      const target = resolve(out) + (/[\\/]$/.test(out) ? sep : '');
      const force = values.force === true;
      const { lintErrors, summarizeErrors } = await lintRules();
      const core = context.core();
      const profile = (await readJsonFile(file)) as never;
      // Linted first so a refusal can list every finding, warnings included.
      const lint = await call(core, 'certificates.lint', { profile }).catch((error: unknown) => {
        throw issuesForFile(error, file, 'profile');
      });
      if (lintErrors(lint.findings).length > 0 && !force) {
        const reason = `${file}: the request was not written: ${summarizeErrors(lint.findings)} (or use --force)`;
        if (context.json)
          context.io.stdout(
            `${JSON.stringify({ findings: plainFindings(lint.findings), error: { code: 'refused', message: reason } }, null, 2)}\n`,
          );
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
    usage: ['certificates lint --profile P.json', '                                  Check a request profile (exit 1 when it has errors)'],
    options: { profile: { type: 'string' } },
    async run(context, values) {
      const file = requireOption(values, 'profile', 'lint');
      const profile = await readJsonFile(file);
      const { lintErrors, summarizeErrors } = await lintRules();
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
  {
    words: ['import'],
    usage: [
      'certificates import --file F [--password-file PF] [--exportable]',
      '                                  Import the issued certificate (.cer/.crt/.pem, .p7b, .pfx/.p12);',
      "                                  --exportable marks a PFX file's key as exportable again",
    ],
    options: { file: { type: 'string' }, 'password-file': { type: 'string' }, exportable: { type: 'boolean', default: false } },
    async run(context, values) {
      const file = resolve(requireOption(values, 'file', 'import'));
      const passwordFile = typeof values['password-file'] === 'string' ? values['password-file'] : undefined;
      const password = passwordFile !== undefined ? await readPassword(passwordFile) : undefined;
      const result = await call(context.core(), 'certificates.import', {
        file,
        ...(password !== undefined ? { password } : {}),
        ...(values.exportable ? { exportable: true } : {}),
      });
      context.out(
        { id: result.id, state: result.state, sha1: result.sha1, sha256: result.sha256, findings: plainFindings(result.findings) },
        [
          `Imported ${file}`,
          `  ID          ${result.id}`,
          `  State       ${result.state}`,
          `  Subject     ${result.certificate.subject}`,
          `  Names       ${result.certificate.sans.map(displayName).join(', ')}`,
          `  Valid until ${result.certificate.notAfter.slice(0, 10)}`,
          `  Thumbprint  ${result.sha1}`,
          formatFindings(result.findings).trimEnd(),
          result.untrustedRoot
            ? `warning: the chain ends at a root this server does not trust: ${result.untrustedRoot.subject} (SHA-256 ${result.untrustedRoot.sha256}).\n  Partners must trust it too. To trust it here (imports and partners' certificates): edgewiz trust add --file ${file}`
            : '',
          `Assign it to the gateway with: edgewiz certificates assign --id ${result.id}`,
        ]
          .filter((line) => line !== '')
          .join('\n') + '\n',
      );
      return EXIT_OK;
    },
  },
  {
    words: ['assign'],
    usage: ['certificates assign --id ID       Make the external edge certificate the gateway certificate'],
    options: { id: { type: 'string' } },
    async run(context, values) {
      const id = requireOption(values, 'id', 'assign');
      const result = await call(context.core(), 'certificates.assign', { id });
      context.out(
        { id, state: result.certificate.state, sha1: result.certificate.sha1, files: result.files },
        `Assigned ${result.certificate.friendlyName} (${result.certificate.sha1}) to the XMPP gateway.\n  ${result.files.certificate}\n  ${result.files.key}\nRestart the gateway to use it: edgewiz gateway restart\n`,
      );
      return EXIT_OK;
    },
  },
  {
    words: ['export'],
    usage: [
      'certificates export --id ID --out F.pfx --password-file PF [--legacy] [--force]',
      '                                  Write a PFX with the exportable key (AES-256; --legacy: 3DES/SHA-1',
      '                                  for Windows Server 2012 R2/2016); --force replaces F.pfx',
    ],
    options: {
      id: { type: 'string' },
      out: { type: 'string' },
      'password-file': { type: 'string' },
      legacy: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
    async run(context, values) {
      const id = requireOption(values, 'id', 'export');
      const out = resolve(requireOption(values, 'out', 'export'));
      const password = await readPassword(requireOption(values, 'password-file', 'export'));
      const result = await call(context.core(), 'certificates.export', {
        id,
        out,
        password,
        legacy: values.legacy === true,
        overwrite: values.force === true,
      });
      context.out(
        { id, out: result.out, profile: result.profile },
        `Exported to ${result.out} (${result.profile === 'legacy' ? '3DES/SHA-1, for Windows Server 2012 R2/2016' : 'AES-256/SHA-256'}).\n`,
      );
      return EXIT_OK;
    },
  },
  {
    words: ['list'],
    usage: ['certificates list                 Pending requests and certificates'],
    async run(context) {
      const entries = await call(context.core(), 'certificates.list', {});
      const status = await call(context.core(), 'acme.status', {});
      const renewals = renewalsById(status.renewals, status.rollover);
      const rules = await installedRules();
      context.out(
        entries.map((entry) => withRenewal(listRow(entry, rules), renewals.get(entry.id))),
        entries.length > 0
          ? `${entries.map((entry) => describeEntry(entry, rules) + describeRenewal(renewals.get(entry.id))).join('\n\n')}\n`
          : 'No certificates or requests.\n',
      );
      return EXIT_OK;
    },
  },
  {
    words: ['remove'],
    usage: [
      'certificates remove --id ID [--delete-key]',
      '                                  Remove a request or certificate (the encrypted key is kept unless --delete-key)',
    ],
    options: { id: { type: 'string' }, 'delete-key': { type: 'boolean', default: false } },
    async run(context, values) {
      const id = requireOption(values, 'id', 'remove');
      const result = await call(context.core(), 'certificates.remove', { id, deleteKey: values['delete-key'] === true });
      context.out(
        result,
        `Removed ${id}.${result.keyDeleted ? ' Its private key was deleted.' : ' Its encrypted private key was kept.'}${result.gatewayFilesRemoved ? ' The gateway TLS files were removed.' : ''}\n`,
      );
      return EXIT_OK;
    },
  },
  {
    words: ['show'],
    usage: [
      'certificates show --id ID [--pem]',
      '                                  Show a request or certificate; --pem prints only its PEM text',
      '                                  (the CSR, or the certificate and its chain)',
    ],
    options: { id: { type: 'string' }, pem: { type: 'boolean', default: false } },
    async run(context, values) {
      const id = requireOption(values, 'id', 'show');
      const rules = await installedRules();
      const view = await call(context.core(), 'certificates.view', { id });
      if (values.pem) {
        context.out({ id, pem: view.pem }, view.pem);
        return EXIT_OK;
      }
      const lines = [describeEntry(view.entry, rules)];
      if (view.gatewayFiles) lines.push(`  Gateway     ${view.gatewayFiles.certificate}`, `              ${view.gatewayFiles.key}`);
      const findings = formatFindings(view.findings).trimEnd();
      if (findings) lines.push(findings);
      context.out(
        {
          ...listRow(view.entry, rules),
          friendlyName: view.entry.friendlyName,
          daysLeft: view.daysLeft,
          gatewayFiles: view.gatewayFiles,
          findings: plainFindings(view.findings),
        },
        `${lines.join('\n')}\n`,
      );
      return EXIT_OK;
    },
  },
];

/** The words a certificate command was known by before they stood under one noun; still accepted. */
const aliasNote = ['request, lint, import, assign, export, list, remove and show also work without "certificates".'];

/** Each command under the feature's noun (`certificates list`), and by its verb alone as before (`list`). */
export const certificateCommands: CliCommand[] = [
  ...verbs.map((command, i) => ({
    ...command,
    words: ['certificates', ...command.words],
    usage: i === verbs.length - 1 ? [...command.usage, ...aliasNote] : command.usage,
  })),
  ...verbs.map((command) => ({ ...command, usage: [] })),
];
