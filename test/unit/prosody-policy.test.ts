import { describe, expect, it } from 'vitest';
import { prosodyPolicyConfig } from '../../electron/partners/prosody-policy';
import { prosodyPolicy } from '../../shared/partners/gateway-policy';
import { partnerInputSchema, type PartnerInput } from '../../shared/partners/partner';

const partner = (input: PartnerInput) => partnerInputSchema.parse(input);

describe('partner list → embedded gateway policy', () => {
  it('requires encryption and certificate authentication only when every partner does', () => {
    const strict = prosodyPolicy([partner({ domain: 'a.example', supportDialbackNegotiation: false }), partner({ domain: 'b.example', additionalDomains: ['chat.b.example'], supportDialbackNegotiation: false })]);
    expect(strict).toMatchObject({ requireEncryption: true, secureAuth: true, dialback: false, allowDomains: ['a.example', 'b.example', 'chat.b.example'], secureDomains: [] });
    expect(strict.limitations).toEqual({});

    const mixed = prosodyPolicy([partner({ domain: 'a.example' }), partner({ domain: 'b.example', tlsNegotiation: 'Optional', saslNegotiation: 'NotSupported' })]);
    expect(mixed).toMatchObject({ requireEncryption: false, secureAuth: false, dialback: true, secureDomains: ['a.example'] });
    expect(mixed.limitations['a.example']).toEqual([expect.stringContaining('TLS is offered but not enforced')]);
  });

  it('lists plainly what a partner asks for that the gateway cannot express per domain', () => {
    const policy = prosodyPolicy([
      partner({ domain: 'a.example', tlsNegotiation: 'NotSupported', saslNegotiation: 'NotSupported', enableKeepAlive: false, partnerType: 'Federated' }),
      partner({ domain: 'b.example', supportDialbackNegotiation: false }),
    ]);
    expect(policy.limitations['a.example']).toEqual([
      expect.stringContaining('cannot withhold TLS'),
      expect.stringContaining('Keep-alive is on'),
      expect.stringContaining('partner type'),
    ]);
    expect(policy.limitations['b.example']).toEqual([expect.stringContaining('TLS is offered but not enforced'), expect.stringContaining('Dialback stays available')]);
  });

  it('writes the settings as Prosody configuration', () => {
    const config = prosodyPolicyConfig(prosodyPolicy([partner({ domain: 'xn--bcher-kva.example', supportDialbackNegotiation: false })]));
    expect(config).toContain('edgewiz_partner_domains = { "xn--bcher-kva.example" }');
    expect(config).toContain('s2s_require_encryption = true');
    expect(config).toContain('s2s_secure_auth = true');
    expect(prosodyPolicyConfig(prosodyPolicy([]))).toContain('edgewiz_partner_domains = {}');
  });
});
