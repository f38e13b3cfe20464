import type { ProsodyPartnerPolicy } from '../../shared/partners/gateway-policy';
import { luaList } from '../gateway/prosody-config';

/** The global Prosody settings for the policy (goes before the VirtualHost sections). */
export function prosodyPolicyConfig(policy: ProsodyPartnerPolicy): string {
  return [
    '-- XMPP federation partners (Edge Wizard)',
    `edgewiz_partner_domains = ${luaList(policy.allowDomains)}`,
    `s2s_require_encryption = ${policy.requireEncryption}`,
    `s2s_secure_auth = ${policy.secureAuth}`,
    `s2s_secure_domains = ${luaList(policy.secureDomains)}`,
    `s2s_tcp_keepalives = ${policy.keepAlive}`,
    '',
  ].join('\n');
}
