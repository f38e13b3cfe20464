import type { ProsodyPartnerPolicy } from '../../shared/partners/gateway-policy';
import { luaList, luaString } from './prosody-config';

/** The global Prosody settings for the policy (goes before the VirtualHost sections). */
export function prosodyPolicyConfig(policy: ProsodyPartnerPolicy): string {
  const entries = Object.entries(policy.domains).map(
    ([domain, p]) => `\t[${luaString(domain)}] = { tls = ${luaString(p.tls)}; sasl = ${luaString(p.sasl)}; dialback = ${p.dialback} };`,
  );
  return [
    "-- XMPP federation partners (Edge Wizard): mod_edgewiz_partners enforces each domain's own",
    '-- TLS / SASL EXTERNAL / dialback policy, so the global switches below stay permissive.',
    entries.length ? ['edgewiz_partners = {', ...entries, '}'].join('\n') : 'edgewiz_partners = {}',
    's2s_require_encryption = false',
    's2s_secure_auth = false',
    `s2s_secure_domains = ${luaList(policy.secureDomains)}`,
    `s2s_tcp_keepalives = ${policy.keepAlive}`,
    '',
  ].join('\n');
}
