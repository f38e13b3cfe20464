import { describe, expect, it } from 'vitest';
import { prosodyPolicyConfig } from '../../electron/gateway/partner-policy';
import { prosodyPolicy } from '../../shared/partners/gateway-policy';
import { partnerInputSchema, type PartnerInput } from '../../shared/partners/partner';
import { loadFeatureMessages } from '../../renderer/src/features';
import { catalog } from '../../renderer/src/i18n/i18n';

const partner = (input: PartnerInput) => partnerInputSchema.parse(input);

describe('partner list → embedded gateway policy', () => {
  it('gives every domain of a partner its own TLS / SASL / dialback policy', () => {
    const policy = prosodyPolicy([
      partner({ domain: 'a.example', supportDialbackNegotiation: false }),
      partner({ domain: 'b.example', additionalDomains: ['chat.b.example'], tlsNegotiation: 'Optional', saslNegotiation: 'NotSupported' }),
    ]);
    expect(policy.domains).toEqual({
      'a.example': { tls: 'Required', sasl: 'Required', dialback: false },
      'b.example': { tls: 'Optional', sasl: 'NotSupported', dialback: true },
      'chat.b.example': { tls: 'Optional', sasl: 'NotSupported', dialback: true },
    });
    expect(policy.secureDomains).toEqual(['a.example']);
    expect(policy.dialback).toBe(true);
  });

  it('never lets dialback through for SASL Required, whatever the dialback switch says (Lync: dialback will not operate)', () => {
    const policy = prosodyPolicy([partner({ domain: 'a.example' })]);
    expect(policy.domains['a.example'].dialback).toBe(false);
    expect(policy.dialback).toBe(false);
    expect(policy.enforced['a.example']).toEqual([
      'partners.enforced.tls.Required',
      'partners.enforced.sasl.Required',
      'partners.enforced.dialback.off',
    ]);
  });

  it('lists per partner only what Prosody cannot set per domain, as translatable keys', async () => {
    await loadFeatureMessages();
    const policy = prosodyPolicy([
      partner({
        domain: 'a.example',
        tlsNegotiation: 'NotSupported',
        saslNegotiation: 'NotSupported',
        enableKeepAlive: false,
        partnerType: 'Federated',
      }),
      partner({ domain: 'b.example', supportDialbackNegotiation: false }),
    ]);
    expect(policy.notEnforced).toEqual({ 'a.example': ['partners.notEnforced.keepAlive', 'partners.notEnforced.partnerType'] });
    expect(policy.enforced['a.example']).toEqual([
      'partners.enforced.tls.NotSupported',
      'partners.enforced.sasl.NotSupported',
      'partners.enforced.dialback.on',
    ]);
    for (const key of [...Object.values(policy.enforced).flat(), ...Object.values(policy.notEnforced).flat()])
      expect(catalog('en')[key], key).toBeTruthy();
  });

  it('writes the per-domain table as Prosody configuration, with the global switches left to the module', () => {
    const config = prosodyPolicyConfig(prosodyPolicy([partner({ domain: 'xn--bcher-kva.example', supportDialbackNegotiation: false })]));
    expect(config).toContain('\t["xn--bcher-kva.example"] = { tls = "Required"; sasl = "Required"; dialback = false };');
    expect(config).toContain('s2s_require_encryption = false');
    expect(config).toContain('s2s_secure_domains = { "xn--bcher-kva.example" }');
    expect(prosodyPolicyConfig(prosodyPolicy([]))).toContain('edgewiz_partners = {}');
  });
});
