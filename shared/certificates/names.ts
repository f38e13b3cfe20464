import { normalizeDnsName, toUnicodeName, type DnsNameReason } from '../domain/dns-name';
import type { CertificateProfile, CertificateUsage } from './profile';

/** Where a subject alternative name came from, for previews and for pointing lint at a field. */
export type SanSource = 'accessEdge' | 'webConferencingEdge' | 'sipDomain' | 'xmppDomain' | 'additional' | 'internalEdge';

export type FieldPath = (string | number)[];

export interface SanEntry {
  /** A-label form; a name that is not a valid DNS name is kept as typed, lower-cased. */
  name: string;
  /** How people read it (U-labels). */
  unicode: string;
  source: SanSource;
  /** The profile field it came from, e.g. ["request", "additionalSans", 2]. */
  field: FieldPath;
  /** Set when the name is not a valid DNS name (lint reports it as name-syntax). */
  problem?: { reason: DnsNameReason; message: string };
}

interface Candidate {
  value: string;
  source: SanSource;
  field: FieldPath;
}

function toEntry(candidate: Candidate): SanEntry {
  // Wildcards are syntax-valid here (lint warns about them); single labels are an internal-name finding.
  const result = normalizeDnsName(candidate.value, { allowWildcard: true, requireDot: false });
  if (result.ok) return { name: result.ascii, unicode: result.unicode, source: candidate.source, field: candidate.field };
  const kept = candidate.value.trim().toLowerCase();
  return {
    name: kept,
    unicode: kept,
    source: candidate.source,
    field: candidate.field,
    problem: { reason: result.reason, message: result.message },
  };
}

function candidates(profile: CertificateProfile): Candidate[] {
  const { topology, request } = profile;
  if (request.certificateType === 'edgeInternal') {
    return [{ value: topology.internalEdgeFqdn, source: 'internalEdge', field: ['topology', 'internalEdgeFqdn'] }];
  }
  const list: Candidate[] = [{ value: topology.accessEdgeFqdn, source: 'accessEdge', field: ['topology', 'accessEdgeFqdn'] }];
  if (topology.webConferencingEdgeFqdn) {
    list.push({ value: topology.webConferencingEdgeFqdn, source: 'webConferencingEdge', field: ['topology', 'webConferencingEdgeFqdn'] });
  }
  // SIP domains in topology order, so the list does not depend on the order boxes were ticked.
  const ticked = new Set(request.sipDomainSans.map((d) => d.toLowerCase()));
  topology.sipDomains.forEach((domain) => {
    if (!ticked.has(domain.toLowerCase())) return;
    const index = request.sipDomainSans.findIndex((d) => d.toLowerCase() === domain.toLowerCase());
    list.push({ value: `sip.${domain}`, source: 'sipDomain', field: ['request', 'sipDomainSans', index] });
  });
  if (request.xmppSans === undefined) {
    topology.xmppDomains.forEach((domain, index) =>
      list.push({ value: domain, source: 'xmppDomain', field: ['topology', 'xmppDomains', index] }),
    );
  } else {
    request.xmppSans.forEach((domain, index) => list.push({ value: domain, source: 'xmppDomain', field: ['request', 'xmppSans', index] }));
  }
  request.additionalSans.forEach((value, index) => list.push({ value, source: 'additional', field: ['request', 'additionalSans', index] }));
  return list;
}

/** The request's SAN list in order, duplicates removed case-insensitively (the first one stays). */
export function sanEntries(profile: CertificateProfile): SanEntry[] {
  const seen = new Set<string>();
  const entries: SanEntry[] = [];
  for (const candidate of candidates(profile)) {
    const entry = toEntry(candidate);
    const key = entry.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }
  return entries;
}

/** The dNSName values of the subjectAltName extension, as A-labels. */
export function buildSans(profile: CertificateProfile): string[] {
  return sanEntries(profile).map((entry) => entry.name);
}

/** Subject attributes in the CSR's order. */
export const subjectAttributeTypes = ['C', 'ST', 'L', 'O', 'OU', 'CN'] as const;
export type SubjectAttributeType = (typeof subjectAttributeTypes)[number];

export interface SubjectAttribute {
  type: SubjectAttributeType;
  value: string;
}

function subjectCommonName(profile: CertificateProfile): string {
  return profile.request.certificateType === 'edgeInternal' ? profile.topology.internalEdgeFqdn : profile.topology.accessEdgeFqdn;
}

/** C, ST, L, O, OU, CN — empty ones left out. */
export function buildSubject(profile: CertificateProfile): SubjectAttribute[] {
  const { request } = profile;
  const values: Record<SubjectAttributeType, string> = {
    C: request.country,
    ST: request.state,
    L: request.city,
    O: request.organization,
    OU: request.organizationalUnit,
    CN: subjectCommonName(profile),
  };
  return subjectAttributeTypes.filter((type) => values[type] !== '').map((type) => ({ type, value: values[type] }));
}

/** The profile field behind each subject attribute, for pointing findings at the right input. */
export const subjectFieldPaths: Record<SubjectAttributeType, (usage: CertificateUsage) => FieldPath> = {
  C: () => ['request', 'country'],
  ST: () => ['request', 'state'],
  L: () => ['request', 'city'],
  O: () => ['request', 'organization'],
  OU: () => ['request', 'organizationalUnit'],
  CN: (usage) => ['topology', usage === 'edgeInternal' ? 'internalEdgeFqdn' : 'accessEdgeFqdn'],
};

function escapeDnValue(value: string): string {
  let escaped = value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
  if (/^[ #]/.test(escaped)) escaped = `\\${escaped}`;
  if (escaped.endsWith(' ')) escaped = `${escaped.slice(0, -1)}\\ `;
  return escaped;
}

/** RFC 4514 string, most specific first as Windows and most tools show it: "CN=…, O=…, C=…". */
export function formatSubject(attributes: SubjectAttribute[]): string {
  return [...attributes]
    .reverse()
    .map((attribute) => `${attribute.type}=${escapeDnValue(attribute.value)}`)
    .join(', ');
}

/** SAN for display: the U-label form, with the A-label in brackets when they differ. */
export function displayName(ascii: string): string {
  const unicode = toUnicodeName(ascii);
  return unicode === ascii ? ascii : `${unicode} (${ascii})`;
}
