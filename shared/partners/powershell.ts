import { quotePowerShell } from '../certificates/commands';
import type { Partner } from './partner';

const psBool = (value: boolean) => (value ? '$true' : '$false');

/** The Lync cmdlet that creates this partner, every string quoted for PowerShell. */
export function newXmppAllowedPartnerCommand(partner: Partner): string {
  const parts = [
    'New-CsXmppAllowedPartner',
    `-Identity ${quotePowerShell(partner.domain)}`,
    `-PartnerType ${partner.partnerType}`,
    `-TlsNegotiation ${partner.tlsNegotiation}`,
    `-SaslNegotiation ${partner.saslNegotiation}`,
    `-SupportDialbackNegotiation ${psBool(partner.supportDialbackNegotiation)}`,
    `-EnableKeepAlive ${psBool(partner.enableKeepAlive)}`,
  ];
  if (partner.additionalDomains.length > 0) parts.push(`-AdditionalDomains ${partner.additionalDomains.map(quotePowerShell).join(',')}`);
  if (partner.description !== '') parts.push(`-Description ${quotePowerShell(partner.description)}`);
  return parts.join(' ');
}

export function partnersAsPowerShell(partners: Partner[]): string {
  return partners.map((partner) => `${newXmppAllowedPartnerCommand(partner)}\n`).join('');
}

export function partnersAsJson(partners: Partner[]): string {
  return `${JSON.stringify(partners, null, 2)}\n`;
}
