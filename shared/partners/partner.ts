import { z } from 'zod';
import { dnsName } from '../domain/topology';

/** An XMPP federation partner with Lync's own names and defaults. */

export const partnerTypes = ['Federated', 'PublicVerified', 'PublicUnverified'] as const;
export const negotiationValues = ['Required', 'Optional', 'NotSupported'] as const;
export type Negotiation = (typeof negotiationValues)[number];

const MAX_ADDITIONAL_DOMAINS = 100;
const MAX_DESCRIPTION = 1024;
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export const partnerInputSchema = z.strictObject({
  domain: dnsName,
  description: z
    .string()
    .max(MAX_DESCRIPTION, { message: `Enter at most ${MAX_DESCRIPTION} characters.` })
    // Terminal escapes and bells would reach admins' terminals and the PowerShell export.
    .refine((value) => !CONTROL_CHARACTERS.test(value), {
      message: 'Control characters (such as escape, bell, tab or line breaks) are not allowed in the description.',
      params: { reason: 'partners.control-characters' },
    })
    .default('')
    .transform((value) => value.trim()),
  additionalDomains: z
    .array(dnsName)
    .max(MAX_ADDITIONAL_DOMAINS, { message: `Enter at most ${MAX_ADDITIONAL_DOMAINS} additional domains.` })
    .default([]),
  partnerType: z.enum(partnerTypes, { message: 'Choose Federated, PublicVerified or PublicUnverified.' }).default('PublicUnverified'),
  tlsNegotiation: z.enum(negotiationValues, { message: 'Choose Required, Optional or NotSupported.' }).default('Required'),
  saslNegotiation: z.enum(negotiationValues, { message: 'Choose Required, Optional or NotSupported.' }).default('Required'),
  supportDialbackNegotiation: z.boolean({ message: 'Choose true or false.' }).default(true),
  enableKeepAlive: z.boolean({ message: 'Choose true or false.' }).default(true),
});

export type PartnerInput = z.input<typeof partnerInputSchema>;
export type Partner = z.output<typeof partnerInputSchema>;

/** The stored and returned shape (already normalized). */
export const partnerSchema = z.object({
  domain: z.string(),
  description: z.string(),
  additionalDomains: z.array(z.string()),
  partnerType: z.enum(partnerTypes),
  tlsNegotiation: z.enum(negotiationValues),
  saslNegotiation: z.enum(negotiationValues),
  supportDialbackNegotiation: z.boolean(),
  enableKeepAlive: z.boolean(),
});

export const defaultPartner: Omit<Partner, 'domain'> = {
  description: '',
  additionalDomains: [],
  partnerType: 'PublicUnverified',
  tlsNegotiation: 'Required',
  saslNegotiation: 'Required',
  supportDialbackNegotiation: true,
  enableKeepAlive: true,
};

export type NegotiationVerdict =
  | { level: 'clean' }
  | {
      level: 'warning' | 'invalid';
      reason: string;
      message: string;
      field: 'tlsNegotiation' | 'saslNegotiation' | 'supportDialbackNegotiation';
    };

/**
 * Lync's negotiation matrix ("Negotiation settings for XMPP federated partners"): two
 * combinations cannot negotiate a session at all, two are known to misbehave.
 */
export function negotiationVerdict(tls: Negotiation, sasl: Negotiation, dialback: boolean): NegotiationVerdict {
  if (sasl === 'NotSupported' && !dialback) {
    return {
      level: 'invalid',
      reason: 'partners.no-authentication',
      field: 'supportDialbackNegotiation',
      message: 'With SASL not supported and dialback off, the partner has no way to authenticate. Support dialback or allow SASL.',
    };
  }
  if (tls === 'NotSupported' && sasl !== 'NotSupported') {
    return {
      level: 'invalid',
      reason: 'partners.sasl-needs-tls',
      field: 'saslNegotiation',
      message: 'SASL is negotiated inside TLS: with TLS not supported, set SASL to Not supported.',
    };
  }
  if (tls === 'Required' && sasl === 'Required' && dialback) {
    return {
      level: 'warning',
      reason: 'partners.dialback-idle',
      field: 'supportDialbackNegotiation',
      message: 'With TLS and SASL both required, dialback will not operate.',
    };
  }
  if (tls === 'Optional' && sasl !== 'NotSupported') {
    return {
      level: 'warning',
      reason: 'partners.optional-tls',
      field: 'tlsNegotiation',
      message: 'TLS optional with SASL required or optional may fail session negotiation.',
    };
  }
  return { level: 'clean' };
}

/** Every domain a partner covers: its primary domain, then the additional ones. */
export function partnerDomains(partner: Pick<Partner, 'domain' | 'additionalDomains'>): string[] {
  return [partner.domain, ...partner.additionalDomains];
}

export interface PartnerConflict {
  /** Index of the partner in the list, and the field holding the clashing domain. */
  index: number;
  path: (string | number)[];
  domain: string;
  /** The partner that already has it. */
  owner: string;
  reason: 'partners.domain-taken' | 'partners.domain-twice';
  params: { domain: string; owner: string };
  message: string;
}

export interface OwnDomainIssue {
  path: (string | number)[];
  reason: 'partners.own-xmpp-domain' | 'partners.own-sip-domain';
  message: string;
  params: { domain: string };
}

/**
 * Our own XMPP and SIP domains cannot be partners: the gateway serves them itself, and a
 * partner entry for one would hand our users' traffic to whoever answers for it.
 */
export function ownDomainIssues(
  partner: Pick<Partner, 'domain' | 'additionalDomains'>,
  own: { sipDomains: string[]; xmppDomains: string[] } | null,
): OwnDomainIssue[] {
  if (!own) return [];
  const issues: OwnDomainIssue[] = [];
  partnerDomains(partner).forEach((domain, position) => {
    const path = position === 0 ? ['domain'] : ['additionalDomains', position - 1];
    if (own.xmppDomains.includes(domain)) {
      issues.push({
        path,
        reason: 'partners.own-xmpp-domain',
        params: { domain },
        message: `${domain} is one of this edge's own XMPP domains, so it cannot be a federation partner.`,
      });
    } else if (own.sipDomains.includes(domain)) {
      issues.push({
        path,
        reason: 'partners.own-sip-domain',
        params: { domain },
        message: `${domain} is one of this edge's own SIP domains, so it cannot be a federation partner.`,
      });
    }
  });
  return issues;
}

/** A domain, primary or additional, may belong to at most one partner (and once within it). */
export function findConflicts(partners: Pick<Partner, 'domain' | 'additionalDomains'>[]): PartnerConflict[] {
  const owners = new Map<string, string>();
  const conflicts: PartnerConflict[] = [];
  partners.forEach((partner, index) => {
    partnerDomains(partner).forEach((domain, position) => {
      const owner = owners.get(domain);
      const path = position === 0 ? ['domain'] : ['additionalDomains', position - 1];
      if (owner !== undefined) {
        conflicts.push({
          index,
          path,
          domain,
          owner,
          reason: owner === partner.domain ? 'partners.domain-twice' : 'partners.domain-taken',
          params: { domain, owner },
          message:
            owner === partner.domain ? `${domain} is listed twice for this partner.` : `${domain} already belongs to the partner ${owner}.`,
        });
      } else {
        owners.set(domain, partner.domain);
      }
    });
  });
  return conflicts;
}
