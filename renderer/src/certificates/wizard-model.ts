import { normalizeDnsName, toUnicodeName } from '../../../shared/domain/dns-name';
import type { Topology } from '../../../shared/domain/topology';
import {
  DEFAULT_KEY_SIZE,
  DEFAULT_TEMPLATE_NAME,
  defaultRequestFileNames,
  isCountryCode,
  keySizes,
  type CertificateProfileInput,
  type CertificateUsage,
  type KeySize,
} from '../../../shared/certificates';
import type { MessageKey } from '../i18n/en';

/** The request pages of SPEC §2, in order. */
export const wizardPages = ['type', 'delay', 'file', 'template', 'name', 'org', 'geo', 'subject', 'sip', 'sans', 'summary', 'run', 'csr', 'next'] as const;
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
    (page) => (usage === 'externalEdge' || (page !== 'sip' && page !== 'sans')) && (delivery === 'delayed' || (page !== 'file' && page !== 'csr' && page !== 'next')),
  );
}

/** The answers as the profile the core builds the request from (SPEC §9). */
export function toProfile(topology: Topology, answers: WizardAnswers): CertificateProfileInput {
  const external = answers.certificateType === 'externalEdge';
  const xmpp = new Set(topology.xmppDomains);
  const asAscii = (name: string) => {
    const result = normalizeDnsName(name, { allowWildcard: true, requireDot: false });
    return result.ok ? result.ascii : name.trim();
  };
  const listed = external ? answers.sans.map(asAscii).filter((name) => name !== '') : [];
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
      if (!isCountryCode(answers.country)) return 'wiz.geo.country.required';
      if (answers.state.trim() === '') return 'wiz.geo.state.required';
      if (answers.city.trim() === '') return 'wiz.geo.city.required';
      return null;
    default:
      return null;
  }
}
