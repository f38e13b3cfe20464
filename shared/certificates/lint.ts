import { z } from 'zod';
import { normalizeDnsName } from '../domain/dns-name';
import type { Topology } from '../domain/topology';
import { isCountryCode } from './countries';
import {
  buildSubject,
  sanEntries,
  subjectFieldPaths,
  type FieldPath,
  type SanEntry,
  type SanSource,
  type SubjectAttribute,
  type SubjectAttributeType,
} from './names';
import type { CertificateProfile, CertificateUsage } from './profile';
import { EXPIRY_WARNING_DAYS } from './expiry';

/** The rules, in the order findings are reported. */
export const lintIds = [
  'key-size',
  'name-syntax',
  'internal-name',
  'subject-required',
  'country',
  'length',
  'xmpp-domain',
  'wildcard',
  'ou',
  'client-eku',
  'sip-domain',
  'exportable',
  'expiry',
] as const;
export type LintId = (typeof lintIds)[number];

export const lintSeverities = ['error', 'warning'] as const;
export type LintSeverity = (typeof lintSeverities)[number];

export const lintFindingSchema = z.object({
  id: z.enum(lintIds),
  severity: z.enum(lintSeverities),
  /** An English sentence the admin can act on. */
  message: z.string(),
  /** The profile field to fix, e.g. ["request", "country"], when the finding comes from one. */
  field: z.array(z.union([z.string(), z.number()])).optional(),
  /** The values in the message, for translations. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type LintFinding = z.infer<typeof lintFindingSchema>;

/**
 * What the rules look at. A request fills it from its profile (lintProfile); an imported
 * certificate fills it from the certificate itself, adding `validity` for the expiry rule.
 */
export interface LintInput {
  usage: CertificateUsage;
  keyBits: number;
  subject: SubjectAttribute[];
  /** SAN entries (with their source field) or bare dNSName strings from a certificate. */
  sans: (SanEntry | string)[];
  clientAuth: boolean;
  /** Unknown for a certificate imported without its key. */
  exportable?: boolean;
  topology: Pick<Topology, 'sipDomains' | 'xmppDomains' | 'edgePoolSize'>;
  validity?: { notBefore: Date; notAfter: Date };
  now?: Date;
  /** Subject attributes that must not be empty: a request's (lintProfile); an issued certificate is taken as it is. */
  requiredSubject?: readonly RequiredSubjectAttribute[];
}

/** Public certificate authorities refuse shorter RSA keys. */
export const MIN_KEY_BITS = 2048;

/** What every request carries in its subject besides the CN (the wizard asks for each of them). */
export const requiredSubjectAttributes = ['C', 'ST', 'L', 'O'] as const satisfies readonly SubjectAttributeType[];
export type RequiredSubjectAttribute = (typeof requiredSubjectAttributes)[number];

/** Suffixes no public CA can validate (RFC 6762, RFC 8375, and names ICANN will never delegate). */
export const nonPublicSuffixes = [
  'local',
  'localdomain',
  'localhost',
  'lan',
  'corp',
  'home',
  'internal',
  'intranet',
  'private',
  'home.arpa',
  'invalid',
];

export { EXPIRY_WARNING_DAYS };

const subjectLimits: Record<SubjectAttributeType, number> = { C: 2, ST: 128, L: 128, O: 64, OU: 64, CN: 64 };
const subjectLabels: Record<SubjectAttributeType, string> = {
  C: 'country (C)',
  ST: 'state or province (ST)',
  L: 'city or locality (L)',
  O: 'organization (O)',
  OU: 'organizational unit (OU)',
  CN: 'common name (CN)',
};
const sourceLabels: Record<SanSource, string> = {
  accessEdge: 'The access edge FQDN',
  webConferencingEdge: 'The web conferencing edge FQDN',
  sipDomain: 'The SIP name',
  xmppDomain: 'The XMPP domain',
  additional: 'The additional name',
  internalEdge: 'The internal edge FQDN',
};

type Emit = (finding: LintFinding) => void;

function toEntries(sans: (SanEntry | string)[]): SanEntry[] {
  return sans.map((san) => {
    if (typeof san !== 'string') return san;
    const result = normalizeDnsName(san, { allowWildcard: true, requireDot: false });
    return result.ok
      ? { name: result.ascii, unicode: result.unicode, source: 'additional', field: [] }
      : { name: san, unicode: san, source: 'additional', field: [], problem: { reason: result.reason, message: result.message } };
  });
}

function withField(finding: LintFinding, field: FieldPath | undefined): LintFinding {
  return field && field.length > 0 ? { ...finding, field } : finding;
}

const characters = (value: string) => [...value].length;
const day = 24 * 60 * 60 * 1000;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

function nonPublicSuffix(name: string): string | null {
  const bare = name.replace(/^\*\./, '').toLowerCase();
  if (!bare.includes('.')) return '';
  return nonPublicSuffixes.find((suffix) => bare === suffix || bare.endsWith(`.${suffix}`)) ?? null;
}

function lintKeySize(input: LintInput, emit: Emit): void {
  if (input.keyBits >= MIN_KEY_BITS) return;
  emit({
    id: 'key-size',
    severity: 'error',
    message: `The key is ${input.keyBits} bits; public certificate authorities refuse RSA keys shorter than ${MIN_KEY_BITS} bits. Choose ${MIN_KEY_BITS} bits or more.`,
    field: ['request', 'keySize'],
    params: { bits: input.keyBits, min: MIN_KEY_BITS },
  });
}

/** The English sentence for an empty required subject attribute (the UI's catalogs carry the same one, and Korean). */
export const subjectRequiredMessages: Record<RequiredSubjectAttribute, string> = {
  C: 'Choose a country or region: every request carries the country (C) in its subject.',
  ST: 'Enter the state or province in full: every request carries it (ST) in its subject.',
  L: 'Enter the city or locality in full: every request carries it (L) in its subject.',
  O: 'Enter the organization name: every request carries the organization (O) in its subject.',
};

function lintRequiredSubject(input: LintInput, emit: Emit): void {
  for (const type of input.requiredSubject ?? []) {
    if (input.subject.some((attribute) => attribute.type === type && attribute.value !== '')) continue;
    emit({
      id: 'subject-required',
      severity: 'error',
      message: subjectRequiredMessages[type],
      field: subjectFieldPaths[type](input.usage),
      params: { attribute: type },
    });
  }
}

function lintNames(input: LintInput, entries: SanEntry[], emit: Emit): void {
  for (const entry of entries) {
    if (!entry.problem) continue;
    emit(
      withField(
        {
          id: 'name-syntax',
          severity: 'error',
          message: `${sourceLabels[entry.source]} "${entry.name}" is not a valid DNS name. ${entry.problem.message}`,
          params: { name: entry.name, reason: entry.problem.reason },
        },
        entry.field,
      ),
    );
  }
  if (input.usage !== 'externalEdge') return;
  for (const entry of entries) {
    if (entry.problem) continue;
    const suffix = nonPublicSuffix(entry.name);
    if (suffix === null) continue;
    const message =
      suffix === ''
        ? `${sourceLabels[entry.source]} "${entry.unicode}" is a single-label name; public certificate authorities only issue certificates for fully qualified public names such as sip.contoso.com. Use a public DNS name or remove it.`
        : `${sourceLabels[entry.source]} "${entry.unicode}" ends in .${suffix}, which is not a public domain: no public certificate authority will issue a certificate for it. Use a public DNS name on the external edge certificate, or remove it.`;
    emit(withField({ id: 'internal-name', severity: 'error', message, params: { name: entry.name, suffix } }, entry.field));
  }
}

function lintSubject(input: LintInput, emit: Emit): void {
  const country = input.subject.find((attribute) => attribute.type === 'C');
  if (country && !isCountryCode(country.value)) {
    emit({
      id: 'country',
      severity: 'error',
      message: `"${country.value}" is not an ISO 3166-1 two-letter country code. Choose the country or region from the list (for example KR for the Republic of Korea, US for the United States).`,
      field: subjectFieldPaths.C(input.usage),
      params: { value: country.value },
    });
  }
  for (const attribute of input.subject) {
    if (attribute.type === 'C') continue;
    const max = subjectLimits[attribute.type];
    const length = characters(attribute.value);
    if (length <= max) continue;
    const fix =
      attribute.type === 'CN'
        ? input.usage === 'edgeInternal'
          ? 'Use a shorter internal edge FQDN.'
          : 'Use a shorter access edge FQDN.'
        : 'Shorten it.';
    emit({
      id: 'length',
      severity: 'error',
      message: `The ${subjectLabels[attribute.type]} is ${length} characters long; certificate authorities accept at most ${max}. ${fix}`,
      field: subjectFieldPaths[attribute.type](input.usage),
      params: { attribute: attribute.type, length, max },
    });
  }
}

function lintXmpp(input: LintInput, names: Set<string>, emit: Emit): void {
  if (input.usage !== 'externalEdge') return;
  for (const domain of input.topology.xmppDomains) {
    if (names.has(domain.toLowerCase())) continue;
    emit({
      id: 'xmpp-domain',
      severity: 'error',
      message: `The XMPP domain "${domain}" is not among the certificate's names, so XMPP federation for it will fail. Keep it in the subject alternative names.`,
      field: ['request', 'xmppSans'],
      params: { domain },
    });
  }
}

function lintWildcards(entries: SanEntry[], emit: Emit): void {
  for (const entry of entries) {
    if (!entry.name.startsWith('*.')) continue;
    emit(
      withField(
        {
          id: 'wildcard',
          severity: 'warning',
          message: `"${entry.unicode}" is a wildcard name, which the Lync Server 2013 edge does not support. List each name explicitly instead.`,
          params: { name: entry.name },
        },
        entry.field,
      ),
    );
  }
}

function lintPolicy(input: LintInput, names: Set<string>, emit: Emit): void {
  const ou = input.subject.find((attribute) => attribute.type === 'OU');
  if (ou) {
    emit({
      id: 'ou',
      severity: 'warning',
      message: `Public certificate authorities have removed the organizational unit (OU) from certificates since 2022, so "${ou.value}" will probably be dropped. Leave it empty unless your CA keeps it.`,
      field: ['request', 'organizationalUnit'],
      params: { value: ou.value },
    });
  }
  if (input.clientAuth) {
    emit({
      id: 'client-eku',
      severity: 'warning',
      message:
        'Client authentication is requested, but public certificate authorities stopped issuing server certificates with it in 2026. Untick it unless your CA still issues it.',
      field: ['request', 'clientEku'],
    });
  }
  if (input.usage === 'externalEdge') {
    for (const domain of input.topology.sipDomains) {
      const sipName = `sip.${domain}`;
      if (names.has(sipName.toLowerCase())) continue;
      emit({
        id: 'sip-domain',
        severity: 'warning',
        message: `The SIP domain "${domain}" has no ${sipName} name in the certificate; adding it later needs a new certificate. Tick it on the SIP domain page if clients of that domain sign in through this edge.`,
        field: ['request', 'sipDomainSans'],
        params: { domain, name: sipName },
      });
    }
  }
  if (input.exportable === false && input.topology.edgePoolSize > 1) {
    emit({
      id: 'exportable',
      severity: 'warning',
      message: `The edge pool has ${input.topology.edgePoolSize} servers but the private key is not exportable, and every pool member needs the same key. Mark the private key as exportable.`,
      field: ['request', 'exportable'],
      params: { poolSize: input.topology.edgePoolSize },
    });
  }
}

function lintValidity(input: LintInput, emit: Emit): void {
  if (!input.validity) return;
  const now = input.now ?? new Date();
  const { notBefore, notAfter } = input.validity;
  if (notBefore.getTime() > now.getTime()) {
    emit({
      id: 'expiry',
      severity: 'warning',
      message: `The certificate is not valid until ${isoDate(notBefore)}. Check this computer's clock, or wait until then before assigning it.`,
      params: { notBefore: notBefore.toISOString() },
    });
    return;
  }
  const left = Math.floor((notAfter.getTime() - now.getTime()) / day);
  if (notAfter.getTime() <= now.getTime()) {
    emit({
      id: 'expiry',
      severity: 'warning',
      message: `The certificate expired on ${isoDate(notAfter)}. Request a new certificate.`,
      params: { notAfter: notAfter.toISOString(), days: left },
    });
  } else if (left < EXPIRY_WARNING_DAYS) {
    emit({
      id: 'expiry',
      severity: 'warning',
      message: `The certificate expires on ${isoDate(notAfter)}, in ${left} day${left === 1 ? '' : 's'}. Request a new certificate now.`,
      params: { notAfter: notAfter.toISOString(), days: left },
    });
  }
}

/** Every finding for a certificate or a request, errors and warnings in the order of lintIds. */
export function lintCertificate(input: LintInput): LintFinding[] {
  const findings: LintFinding[] = [];
  const emit: Emit = (finding) => findings.push(finding);
  const entries = toEntries(input.sans);
  const names = new Set(entries.map((entry) => entry.name.toLowerCase()));
  lintKeySize(input, emit);
  lintNames(input, entries, emit);
  lintRequiredSubject(input, emit);
  lintSubject(input, emit);
  lintXmpp(input, names, emit);
  lintWildcards(entries, emit);
  lintPolicy(input, names, emit);
  lintValidity(input, emit);
  const rank = (finding: LintFinding) => lintIds.indexOf(finding.id);
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => rank(a.finding) - rank(b.finding) || a.index - b.index)
    .map(({ finding }) => finding);
}

/** The findings for a validated request profile, before the CSR is written. */
export function lintProfile(profile: CertificateProfile): LintFinding[] {
  return lintCertificate({
    usage: profile.request.certificateType,
    keyBits: profile.request.keySize,
    subject: buildSubject(profile),
    sans: sanEntries(profile),
    clientAuth: profile.request.clientEku,
    exportable: profile.request.exportable,
    topology: profile.topology,
    requiredSubject: requiredSubjectAttributes,
  });
}

export function lintErrors(findings: LintFinding[]): LintFinding[] {
  return findings.filter((finding) => finding.severity === 'error');
}

/** "2 errors must be fixed: …" on one line, for the CLI and refused RPC calls. */
export function summarizeErrors(findings: LintFinding[]): string {
  const errors = lintErrors(findings);
  const count = errors.length === 1 ? '1 error must' : `${errors.length} errors must`;
  return `${count} be fixed first: ${errors.map((finding) => `[${finding.id}] ${finding.message}`).join(' ')}`;
}
