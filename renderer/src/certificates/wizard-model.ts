import { normalizeDnsName, toUnicodeName } from '../../../shared/domain/dns-name';
import type { Topology } from '../../../shared/domain/topology';
import {
  buildSubject,
  certificateProfileSchema,
  certificateRequestAnswersSchema,
  DEFAULT_KEY_SIZE,
  DEFAULT_TEMPLATE_NAME,
  defaultRequestFileNames,
  keySizes,
  lintProfile,
  sanEntries,
  type CertificateProfileInput,
  type CertificateRequestAnswers,
  type FieldPath,
  type LintFinding,
  type CertificateUsage,
  type KeySize,
  type SanEntry,
  type SubjectAttribute,
} from '../../../shared/certificates';
import { toFieldIssues } from '../../../shared/rpc/issues';
import type { FieldIssue } from '../../../shared/rpc/protocol';
import type { MessageKey } from '../i18n/en';

type RequestField = keyof CertificateRequestAnswers;

interface PageDefinition {
  id: string;
  title: MessageKey;
  /** The profile fields answered on this page: their problems keep the admin here. */
  fields: readonly RequestField[];
  /** Only the external edge certificate names SIP domains and more. */
  externalOnly?: boolean;
  /** Only a request file has these pages; an immediate order has none. */
  delayedOnly?: boolean;
}

/** The request pages in order: what each is called, which answers it holds and when it is shown. */
const pageDefinitions = [
  { id: 'type', title: 'wiz.type.title', fields: ['certificateType'] },
  { id: 'delay', title: 'wiz.delay.title', fields: [] },
  { id: 'file', title: 'wiz.file.title', fields: [], delayedOnly: true },
  { id: 'template', title: 'wiz.template.title', fields: ['template'] },
  { id: 'name', title: 'wiz.name.title', fields: ['friendlyName', 'keySize', 'exportable'] },
  { id: 'org', title: 'wiz.org.title', fields: ['organization', 'organizationalUnit'] },
  { id: 'geo', title: 'wiz.geo.title', fields: ['country', 'state', 'city'] },
  { id: 'subject', title: 'wiz.subject.title', fields: [] },
  { id: 'sip', title: 'wiz.sip.title', fields: ['sipDomainSans'], externalOnly: true },
  { id: 'sans', title: 'wiz.sans.title', fields: ['xmppSans', 'additionalSans'], externalOnly: true },
  { id: 'summary', title: 'wiz.summary.title', fields: [] },
  { id: 'run', title: 'wiz.run.title', fields: [] },
  { id: 'csr', title: 'wiz.csr.title', fields: [], delayedOnly: true },
  { id: 'next', title: 'wiz.next.title', fields: [], delayedOnly: true },
] as const satisfies readonly PageDefinition[];

export type WizardPage = (typeof pageDefinitions)[number]['id'];

export const wizardPages: readonly WizardPage[] = pageDefinitions.map((definition) => definition.id);

export const pageTitles = Object.fromEntries(pageDefinitions.map((definition) => [definition.id, definition.title])) as Record<
  WizardPage,
  MessageKey
>;

/** What the admin has answered so far; kept as the draft so it survives Back and a restart. */
export interface WizardAnswers {
  certificateType: CertificateUsage;
  /** Page 2: write a request file, or order from the ACME CA now. */
  delivery: 'delayed' | 'immediate';
  out: string;
  overwrite: boolean;
  useTemplate: boolean;
  templateName: string;
  friendlyName: string;
  keySize: KeySize;
  exportable: boolean;
  organization: string;
  organizationalUnit: string;
  country: string;
  state: string;
  city: string;
  /** A-labels of the SIP domains whose sip.<domain> is added. */
  sipDomainSans: string[];
  /** Page 10's list: the XMPP domains it starts with, and any names the admin adds, as typed. */
  sans: string[];
}

function joinPath(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? `${folder}${name}` : `${folder}${separator}${name}`;
}

function defaultOut(documents: string, usage: CertificateUsage): string {
  return joinPath(documents, defaultRequestFileNames[usage]);
}

function usageDefaults(topology: Topology, usage: CertificateUsage): Pick<WizardAnswers, 'sipDomainSans' | 'sans'> {
  return usage === 'externalEdge'
    ? { sipDomainSans: [...topology.sipDomains], sans: topology.xmppDomains.map(toUnicodeName) }
    : { sipDomainSans: [], sans: [] };
}

export function defaultAnswers(topology: Topology, documents: string): WizardAnswers {
  return {
    certificateType: 'externalEdge',
    delivery: 'delayed',
    out: defaultOut(documents, 'externalEdge'),
    overwrite: false,
    useTemplate: false,
    templateName: DEFAULT_TEMPLATE_NAME,
    friendlyName: '',
    keySize: DEFAULT_KEY_SIZE,
    exportable: true,
    organization: '',
    organizationalUnit: '',
    country: '',
    state: '',
    city: '',
    ...usageDefaults(topology, 'externalEdge'),
  };
}

/** Switching the certificate type resets what depends on it, and the file name if it was the default. */
export function withCertificateType(answers: WizardAnswers, usage: CertificateUsage, topology: Topology, documents: string): WizardAnswers {
  if (answers.certificateType === usage) return answers;
  const out = answers.out === defaultOut(documents, answers.certificateType) ? defaultOut(documents, usage) : answers.out;
  return { ...answers, certificateType: usage, out, overwrite: false, ...usageDefaults(topology, usage) };
}

/** A saved draft back into answers: anything missing or malformed takes its default. */
export function answersFromDraft(saved: Record<string, unknown>, defaults: WizardAnswers): WizardAnswers {
  const pick = <K extends keyof WizardAnswers>(key: K, valid: (v: unknown) => boolean): WizardAnswers[K] =>
    valid(saved[key]) ? (saved[key] as WizardAnswers[K]) : defaults[key];
  const isString = (v: unknown) => typeof v === 'string';
  const isBoolean = (v: unknown) => typeof v === 'boolean';
  const isStrings = (v: unknown) => Array.isArray(v) && v.every(isString);
  return {
    certificateType: pick('certificateType', (v) => v === 'externalEdge' || v === 'edgeInternal'),
    delivery: pick('delivery', (v) => v === 'delayed' || v === 'immediate'),
    out: pick('out', isString),
    overwrite: pick('overwrite', isBoolean),
    useTemplate: pick('useTemplate', isBoolean),
    templateName: pick('templateName', isString),
    friendlyName: pick('friendlyName', isString),
    keySize: pick('keySize', (v) => (keySizes as readonly unknown[]).includes(v)),
    exportable: pick('exportable', isBoolean),
    organization: pick('organization', isString),
    organizationalUnit: pick('organizationalUnit', isString),
    country: pick('country', isString),
    state: pick('state', isString),
    city: pick('city', isString),
    sipDomainSans: pick('sipDomainSans', isStrings),
    sans: pick('sans', isStrings),
  };
}

/** The pages this certificate goes through: the internal certificate names only the internal edge; an immediate order has no request file. */
export function visiblePages(usage: CertificateUsage, delivery: WizardAnswers['delivery'] = 'delayed'): WizardPage[] {
  return pageDefinitions
    .filter(
      (definition: PageDefinition) =>
        (usage === 'externalEdge' || !definition.externalOnly) && (delivery === 'delayed' || !definition.delayedOnly),
    )
    .map((definition) => definition.id as WizardPage);
}

/** A name as typed on page 10 → its A-label form; a name that is not valid stays as typed. */
export function sanAscii(name: string): string {
  const result = normalizeDnsName(name, { allowWildcard: true, requireDot: false });
  return result.ok ? result.ascii : name.trim();
}

/** The answers as the profile the core builds the request from, as `edgewiz request --profile` reads it. */
export function toProfile(topology: Topology, answers: WizardAnswers): CertificateProfileInput {
  const external = answers.certificateType === 'externalEdge';
  const xmpp = new Set(topology.xmppDomains);
  const listed = external ? answers.sans.map(sanAscii).filter((name) => name !== '') : [];
  return {
    topology,
    request: {
      certificateType: answers.certificateType,
      friendlyName: answers.friendlyName,
      keySize: answers.keySize,
      exportable: answers.exportable,
      ...(answers.useTemplate ? { template: answers.templateName } : {}),
      clientEku: false,
      organization: answers.organization,
      organizationalUnit: answers.organizationalUnit,
      country: answers.country,
      state: answers.state,
      city: answers.city,
      sipDomainSans: external ? answers.sipDomainSans.filter((domain) => topology.sipDomains.includes(domain)) : [],
      xmppSans: listed.filter((name) => xmpp.has(name)),
      additionalSans: listed.filter((name) => !xmpp.has(name)),
    },
  };
}

/**
 * The lint findings for the answers as they stand, even before the whole profile is valid
 * (page 5 is linted while page 6 is still empty): each answer is normalised by its own field of
 * the profile schema (trimmed, the country in capitals), and one that does not parse yet is
 * linted as typed, so every page sees the same rules the summary and `edgewiz lint` apply.
 */
export function lintAnswers(topology: Topology, answers: WizardAnswers): LintFinding[] {
  const input: Record<string, unknown> = toProfile(topology, answers).request;
  const request = Object.fromEntries(
    Object.entries(certificateRequestAnswersSchema.shape).map(([key, schema]) => {
      const parsed = schema.safeParse(input[key]);
      return [key, parsed.success ? parsed.data : input[key]];
    }),
  ) as CertificateRequestAnswers;
  // The parsed profile names both optional edge names, present or not.
  const { webConferencingEdgeFqdn, audioVideoEdgeFqdn } = topology;
  return lintProfile({ topology: { ...topology, webConferencingEdgeFqdn, audioVideoEdgeFqdn }, request });
}

const pageOfField = new Map<string, WizardPage>(
  pageDefinitions.flatMap((definition) => definition.fields.map((field): [string, WizardPage] => [field, definition.id])),
);

/** The page where a profile field is answered; topology fields belong to no request page. */
export function fieldPage(field: readonly (string | number)[] | undefined): WizardPage | null {
  if (!field || field[0] !== 'request') return null;
  return pageOfField.get(String(field[1])) ?? null;
}

export function onField(field: readonly (string | number)[] | undefined, prefix: FieldPath): boolean {
  return Boolean(field) && prefix.every((part, i) => field?.[i] === part);
}

/** Page 10's list → the profile field each entry becomes (an XMPP domain or an additional name). */
export function sanFields(topology: Topology, answers: WizardAnswers): (FieldPath | null)[] {
  const xmpp = new Set(topology.xmppDomains);
  let xmppIndex = 0;
  let additionalIndex = 0;
  return answers.sans.map((name) => {
    const ascii = sanAscii(name);
    if (ascii === '') return null;
    return xmpp.has(ascii) ? ['request', 'xmppSans', xmppIndex++] : ['request', 'additionalSans', additionalIndex++];
  });
}

/** What the answers make: the preview, the lint, or why the answers cannot make a request yet. */
export interface Evaluation {
  subject: SubjectAttribute[];
  sans: SanEntry[];
  findings: LintFinding[];
  /** Schema problems with their field (paths start at the profile), when the answers are not a profile. */
  invalid: FieldIssue[];
}

/** The answers checked by the profile schema and the lint, the same two the core and `edgewiz request` apply. */
export function evaluate(topology: Topology, answers: WizardAnswers): Evaluation {
  const parsed = certificateProfileSchema.safeParse(toProfile(topology, answers));
  const findings = lintAnswers(topology, answers);
  if (!parsed.success) return { subject: [], sans: [], findings, invalid: toFieldIssues(parsed.error) };
  return { subject: buildSubject(parsed.data), sans: sanEntries(parsed.data), findings, invalid: [] };
}

/** A reason a page cannot be left: a schema problem or a lint error at one of its fields. */
export type PageProblem =
  { kind: 'issue'; field: FieldPath; issue: FieldIssue } | { kind: 'finding'; field: FieldPath; finding: LintFinding };

/**
 * What keeps the admin on a page, derived from the shared rules alone: the schema's problems
 * first, then the lint's errors, each at a field answered on that page. Warnings may pass.
 */
export function pageProblems(page: WizardPage, evaluation: Evaluation): PageProblem[] {
  const issues = evaluation.invalid
    .filter((issue) => fieldPage(issue.path) === page)
    .map((issue): PageProblem => ({ kind: 'issue', field: issue.path, issue }));
  const findings = evaluation.findings
    .filter((finding) => finding.severity === 'error' && finding.field && fieldPage(finding.field) === page)
    .map((finding): PageProblem => ({ kind: 'finding', field: finding.field ?? [], finding }));
  return [...issues, ...findings];
}

/** Whether the answer behind a profile field is still empty (an empty field says its problem only once it was left). */
export function answerEmpty(field: FieldPath, answers: WizardAnswers): boolean {
  if (field[0] !== 'request' || field.length !== 2) return false;
  const value: unknown = field[1] === 'template' ? answers.templateName : (answers as unknown as Record<string, unknown>)[String(field[1])];
  return typeof value === 'string' && value.trim() === '';
}

const textAnswers = ['friendlyName', 'templateName', 'organization', 'organizationalUnit', 'country', 'state', 'city'] as const;

/**
 * The answers the rules refuse to leave empty (shown with the required mark): found by checking
 * the answers with every text field emptied, so the mark follows the rules and never restates them.
 */
export function requiredAnswers(topology: Topology, answers: WizardAnswers): ReadonlySet<string> {
  const blank: WizardAnswers = { ...answers, ...Object.fromEntries(textAnswers.map((name) => [name, ''])) };
  const evaluation = evaluate(topology, blank);
  const fields = [
    ...evaluation.invalid.map((issue) => issue.path),
    ...evaluation.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.field ?? []),
  ];
  return new Set(fields.filter((field) => answerEmpty(field, blank)).map((field) => String(field[1])));
}
