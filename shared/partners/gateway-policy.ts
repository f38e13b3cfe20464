import { partnerDomains, type Partner } from './partner';

/**
 * What the embedded gateway (Prosody) can enforce of the partner list. Prosody's s2s settings
 * are global, not per domain, so the strictest common setting is applied and whatever a
 * partner asks for beyond that is listed next to it, in plain words.
 */
export interface ProsodyPartnerPolicy {
  /** Every partner domain: the allow-list module refuses all others. */
  allowDomains: string[];
  requireEncryption: boolean;
  /** Certificate (SASL EXTERNAL) authentication required for every partner. */
  secureAuth: boolean;
  /** Domains that must authenticate with a certificate (when not every partner must). */
  secureDomains: string[];
  dialback: boolean;
  keepAlive: boolean;
  /** Per partner (primary domain): what the embedded gateway cannot express for it. */
  limitations: Record<string, string[]>;
}

export function prosodyPolicy(partners: Partner[]): ProsodyPartnerPolicy {
  const any = partners.length > 0;
  const requireEncryption = any && partners.every((p) => p.tlsNegotiation === 'Required');
  const secureAuth = any && partners.every((p) => p.saslNegotiation === 'Required');
  const dialback = partners.some((p) => p.supportDialbackNegotiation);
  const keepAlive = partners.some((p) => p.enableKeepAlive);
  const limitations: Record<string, string[]> = {};
  for (const partner of partners) {
    const notes: string[] = [];
    if (partner.tlsNegotiation === 'Required' && !requireEncryption) {
      notes.push('TLS is offered but not enforced: the gateway can only require encryption for all partners at once, and another partner does not require it.');
    }
    if (partner.tlsNegotiation === 'NotSupported') {
      notes.push('The gateway still offers TLS to this partner: it cannot withhold TLS from one domain.');
    }
    if (!partner.supportDialbackNegotiation && dialback) {
      notes.push('Dialback stays available to this partner because other partners use it: the gateway cannot refuse dialback per domain.');
    }
    if (!partner.enableKeepAlive && keepAlive) {
      notes.push('Keep-alive is on for every server connection: the gateway cannot turn it off for one domain.');
    }
    if (partner.partnerType !== 'PublicUnverified') {
      notes.push('The partner type governs contact authorization in Lync; the embedded gateway routes every partner alike.');
    }
    if (notes.length > 0) limitations[partner.domain] = notes;
  }
  return {
    allowDomains: partners.flatMap(partnerDomains),
    requireEncryption,
    secureAuth,
    secureDomains: secureAuth ? [] : partners.filter((p) => p.saslNegotiation === 'Required').flatMap(partnerDomains),
    dialback,
    keepAlive,
    limitations,
  };
}
