import { normalizeDnsName, toUnicodeName } from '../../../shared/domain/dns-name';
import type { Topology } from '../../../shared/domain/topology';
import {
  DEFAULT_KEY_SIZE,
  DEFAULT_TEMPLATE_NAME,
  defaultRequestFileNames,
  keySizes,
  lintProfile,
  type CertificateProfile,
  type CertificateProfileInput,
  type FieldPath,
  type LintFinding,
  type CertificateUsage,
  type KeySize,
} from '../../../shared/certificates';
import type { MessageKey } from '../i18n/en';

/** The request pages of SPEC §2, in order. */
export const wizardPages = [
  'type',
  'delay',
  'file',
  'template',
  'name',
  'org',
  'geo',
  'subject',
  'sip',
  'sans',
  'summary',
  'run',
  'csr',
  'next',
] as const;
export type WizardPage = (typeof wizardPages)[number];

export const pageTitles: Record<WizardPage, MessageKey> = {
  type: 'wiz.type.title',
  delay: 'wiz.delay.title',
  file: 'wiz.file.title',
  template: 'wiz.template.title',
  name: 'wiz.name.title',
  org: 'wiz.org.title',
  geo: 'wiz.geo.title',
  subject: 'wiz.subject.title',
  sip: 'wiz.sip.title',
  sans: 'wiz.sans.title',
  summary: 'wiz.summary.title',
  run: 'wiz.run.title',
  csr: 'wiz.csr.title',
  next: 'wiz.next.title',
};

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

export function defaultOut(documents: string, usage: CertificateUsage): string {
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
  return wizardPages.filter(
    (page) =>
      (usage === 'externalEdge' || (page !== 'sip' && page !== 'sans')) &&
      (delivery === 'delayed' || (page !== 'file' && page !== 'csr' && page !== 'next')),
  );
}

/** A name as typed on page 10 → its A-label form; a name that is not valid stays as typed. */
export function sanAscii(name: string): string {
  const result = normalizeDnsName(name, { allowWildcard: true, requireDot: false });
  return result.ok ? result.ascii : name.trim();
}

/** The answers as the profile the core builds the request from (SPEC §9). */
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

/** Why Next is disabled on a page of answers alone (the file and summary pages add their own checks). */
export function pageProblem(page: WizardPage, answers: WizardAnswers): MessageKey | null {
  switch (page) {
    case 'template':
      return answers.useTemplate && answers.templateName.trim() === '' ? 'wiz.template.required' : null;
    case 'name':
      return answers.friendlyName.trim() === '' ? 'wiz.name.friendlyName.required' : null;
    case 'org':
      return answers.organization.trim() === '' ? 'wiz.org.organization.required' : null;
    case 'geo':
      // A typed country that is not a code is the country rule's finding, shown at the field.
      if (answers.country.trim() === '') return 'wiz.geo.country.required';
      if (answers.state.trim() === '') return 'wiz.geo.state.required';
      if (answers.city.trim() === '') return 'wiz.geo.city.required';
      return null;
    default:
      return null;
  }
}

/**
 * The lint findings for the answers as they stand, even before the whole profile is valid
 * (page 5 is linted while page 6 is still empty): the answers are normalised the way the
 * profile schema does, so every page sees the same rules the summary and `edgewiz lint` apply.
 */
export function lintAnswers(topology: Topology, answers: WizardAnswers): LintFinding[] {
  const input = toProfile(topology, answers);
  const request = input.request;
  const trim = (value: string | undefined) => (value ?? '').trim();
  const profile: CertificateProfile = {
    topology: { ...topology, webConferencingEdgeFqdn: topology.webConferencingEdgeFqdn, audioVideoEdgeFqdn: topology.audioVideoEdgeFqdn },
    request: {
      certificateType: answers.certificateType,
      friendlyName: trim(request.friendlyName),
      keySize: answers.keySize,
      exportable: answers.exportable,
      ...(answers.useTemplate ? { template: trim(answers.templateName) } : {}),
      clientEku: false,
      organization: trim(request.organization),
      organizationalUnit: trim(request.organizationalUnit),
      country: trim(request.country).toUpperCase(),
      state: trim(request.state),
      city: trim(request.city),
      sipDomainSans: request.sipDomainSans ?? [],
      xmppSans: request.xmppSans,
      additionalSans: (request.additionalSans ?? []).map(trim),
    },
  };
  return lintProfile(profile);
}

const pageOfField: Record<string, WizardPage> = {
  certificateType: 'type',
  template: 'template',
  friendlyName: 'name',
  keySize: 'name',
  exportable: 'name',
  organization: 'org',
  organizationalUnit: 'org',
  country: 'geo',
  state: 'geo',
  city: 'geo',
  sipDomainSans: 'sip',
  xmppSans: 'sans',
  additionalSans: 'sans',
};

/** The page where a profile field is answered; topology fields belong to no request page. */
export function fieldPage(field: readonly (string | number)[] | undefined): WizardPage | null {
  if (!field || field[0] !== 'request') return null;
  return pageOfField[String(field[1])] ?? null;
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
