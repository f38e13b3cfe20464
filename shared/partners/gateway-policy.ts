import { partnerDomains, type Negotiation, type Partner } from './partner';

/** How the embedded gateway's allow-list module treats one partner domain. */
interface DomainPolicy {
  tls: Negotiation;
  sasl: Negotiation;
  /** Dialback accepted and used (never with SASL Required: then only a certificate counts). */
  dialback: boolean;
}

/** Message keys (renderer/src/partners/messages.ts) for what the gateway does for one partner. */
type EnforcedNote =
  | 'partners.enforced.tls.Required'
  | 'partners.enforced.tls.Optional'
  | 'partners.enforced.tls.NotSupported'
  | 'partners.enforced.sasl.Required'
  | 'partners.enforced.sasl.Optional'
  | 'partners.enforced.sasl.NotSupported'
  | 'partners.enforced.dialback.on'
  | 'partners.enforced.dialback.off';
type NotEnforcedNote = 'partners.notEnforced.keepAlive' | 'partners.notEnforced.partnerType';

/**
 * What the embedded gateway (Prosody with the allow-list module) enforces of the partner list:
 * every domain has its own TLS / SASL EXTERNAL / dialback policy on incoming and outgoing streams;
 * the few settings Prosody only has globally are listed per partner as not enforced.
 */
export interface ProsodyPartnerPolicy {
  /** Every partner domain (primary and additional) with its policy: all others are refused. */
  domains: Record<string, DomainPolicy>;
  /** Domains whose certificate must be valid (SASL Required): Prosody refuses an invalid one at TLS. */
  secureDomains: string[];
  /** Whether Prosody's dialback module is needed at all. */
  dialback: boolean;
  /** TCP keep-alive is global in Prosody: on when any partner asks for it. */
  keepAlive: boolean;
  /** Per partner (primary domain). */
  enforced: Record<string, EnforcedNote[]>;
  notEnforced: Record<string, NotEnforcedNote[]>;
}

function domainPolicy(partner: Pick<Partner, 'tlsNegotiation' | 'saslNegotiation' | 'supportDialbackNegotiation'>): DomainPolicy {
  return {
    tls: partner.tlsNegotiation,
    sasl: partner.saslNegotiation,
    dialback: partner.supportDialbackNegotiation && partner.saslNegotiation !== 'Required',
  };
}

export function prosodyPolicy(partners: Partner[]): ProsodyPartnerPolicy {
  const domains: Record<string, DomainPolicy> = {};
  const enforced: Record<string, EnforcedNote[]> = {};
  const notEnforced: Record<string, NotEnforcedNote[]> = {};
  const keepAlive = partners.some((p) => p.enableKeepAlive);
  for (const partner of partners) {
    const policy = domainPolicy(partner);
    for (const domain of partnerDomains(partner)) domains[domain] = policy;
    enforced[partner.domain] = [
      `partners.enforced.tls.${policy.tls}`,
      `partners.enforced.sasl.${policy.sasl}`,
      policy.dialback ? 'partners.enforced.dialback.on' : 'partners.enforced.dialback.off',
    ];
    const notes: NotEnforcedNote[] = [];
    if (partner.enableKeepAlive !== keepAlive) notes.push('partners.notEnforced.keepAlive');
    if (partner.partnerType !== 'PublicUnverified') notes.push('partners.notEnforced.partnerType');
    if (notes.length > 0) notEnforced[partner.domain] = notes;
  }
  return {
    domains,
    secureDomains: partners.filter((p) => p.saslNegotiation === 'Required').flatMap(partnerDomains),
    dialback: Object.values(domains).some((policy) => policy.dialback),
    keepAlive,
    enforced,
    notEnforced,
  };
}
