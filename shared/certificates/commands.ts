import { buildSans } from './names';
import type { CertificateProfile } from './profile';

/**
 * The command lines the log shows for a request: every operation shows its `edgewiz` and Lync
 * PowerShell equivalents.
 */

/**
 * A PowerShell double-quoted string. Inside one, the backtick escapes and `$` expands, and
 * PowerShell also ends the string at the typographic double quotes “ ” „ — all get a backtick.
 */
export function quotePowerShell(value: string): string {
  return `"${value.replace(/[`"$\u201c\u201d\u201e]/g, (c) => `\`${c}`)}"`;
}

/** A POSIX shell word: bare when it is plainly safe, else single-quoted. */
export function quotePosix(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export type CommandShell = 'posix' | 'powershell';

export interface EdgewizRequestOptions {
  profilePath: string;
  out: string;
  force?: boolean;
  shell?: CommandShell;
}

export function edgewizRequestCommand(options: EdgewizRequestOptions): string {
  const quote = options.shell === 'powershell' ? quotePowerShell : quotePosix;
  const parts = ['edgewiz', 'certificates', 'request', '--profile', quote(options.profilePath), '--out', quote(options.out)];
  if (options.force) parts.push('--force');
  return parts.join(' ');
}

const psBool = (value: boolean) => (value ? '$True' : '$False');

/** Lync's own cmdlet for the same request (Request-CsCertificate -New). */
export function requestCsCertificateCommand(profile: CertificateProfile, out: string): string {
  const { request } = profile;
  const parts = [
    'Request-CsCertificate',
    '-New',
    '-Type',
    request.certificateType === 'edgeInternal' ? 'EdgeInternal' : 'AccessEdgeExternal',
    '-Output',
    quotePowerShell(out),
    '-KeySize',
    String(request.keySize),
    '-PrivateKeyExportable',
    psBool(request.exportable),
    '-FriendlyName',
    quotePowerShell(request.friendlyName),
  ];
  const optional: [string, string][] = [
    ['-Organization', request.organization],
    ['-OU', request.organizationalUnit],
  ];
  for (const [name, value] of optional) if (value !== '') parts.push(name, quotePowerShell(value));
  if (request.country !== '')
    parts.push('-Country', /^[A-Z]{2}$/.test(request.country) ? request.country : quotePowerShell(request.country));
  if (request.state !== '') parts.push('-State', quotePowerShell(request.state));
  if (request.city !== '') parts.push('-City', quotePowerShell(request.city));
  parts.push('-DomainName', quotePowerShell(buildSans(profile).join(',')));
  parts.push('-ClientEku', psBool(request.clientEku));
  if (request.template !== undefined) parts.push('-Template', quotePowerShell(request.template));
  return parts.join(' ');
}

export interface RequestCommands {
  edgewiz: string;
  powershell: string;
}

export function requestCommands(profile: CertificateProfile, options: EdgewizRequestOptions): RequestCommands {
  return { edgewiz: edgewizRequestCommand(options), powershell: requestCsCertificateCommand(profile, options.out) };
}
