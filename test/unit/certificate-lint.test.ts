import { describe, expect, it } from 'vitest';
import { countryCodes, isCountryCode } from '../../shared/certificates/countries';
import { lintCertificate, lintIds, lintProfile, summarizeErrors, type LintFinding } from '../../shared/certificates/lint';
import { profile } from '../support/certificates';

const ids = (findings: LintFinding[]) => findings.map((finding) => `${finding.severity}:${finding.id}`);
const only = (findings: LintFinding[], id: string) => findings.filter((finding) => finding.id === id);

function expectSentence(finding: LintFinding): void {
  expect(finding.message).toMatch(/^["A-Z]/);
  expect(finding.message).toMatch(/[.!]$/);
  expect(finding.message.length).toBeGreaterThan(30);
}

describe('certificate lint', () => {
  it('finds nothing in a clean external request', () => {
    expect(lintProfile(profile())).toEqual([]);
  });

  it('refuses a 1024-bit key as key-size, pointing at the key size', () => {
    const findings = lintProfile(profile({ request: { keySize: 1024 } }));
    expect(ids(findings)).toEqual(['error:key-size']);
    expect(findings[0]).toMatchObject({ field: ['request', 'keySize'], params: { bits: 1024, min: 2048 } });
    expect(findings[0].message).toMatch(/1024 bits.*2048/);
    expectSentence(findings[0]);
    for (const keySize of [2048, 3072, 4096] as const) expect(lintProfile(profile({ request: { keySize } }))).toEqual([]);
  });

  it.each([
    ['an underscore', 'edge_1.contoso.com', 'dns.underscore'],
    ['an IPv4 address', '192.0.2.10', 'dns.ip-address'],
    ['an IPv6 address', '2001:db8::1', 'dns.ip-address'],
    ['a trailing dot', 'av.contoso.com.', 'dns.trailing-dot'],
    ['bad punycode', 'xn--zz.contoso.com', 'dns.bad-punycode'],
    ['a label over 63 octets', `${'a'.repeat(64)}.contoso.com`, 'dns.label-too-long'],
    ['a name over 253 octets', `${Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.')}.com`, 'dns.too-long'],
    ['a space', 'av contoso.com', 'dns.whitespace'],
  ])('refuses %s as name-syntax', (_what, name, reason) => {
    const findings = lintProfile(profile({ request: { additionalSans: [name] } }));
    const syntax = only(findings, 'name-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]).toMatchObject({ severity: 'error', field: ['request', 'additionalSans', 0], params: { reason } });
    expect(syntax[0].message).toContain('is not a valid DNS name');
    expectSentence(syntax[0]);
  });

  it('refuses names under non-public suffixes on the external certificate as internal-name', () => {
    for (const name of ['edge.contoso.local', 'edge.corp', 'printer.home.arpa', 'edge.internal', 'host.lan']) {
      const findings = lintProfile(profile({ request: { additionalSans: [name] } }));
      expect(ids(findings), name).toEqual(['error:internal-name']);
      expect(findings[0].message).toMatch(/not a public domain/);
      expectSentence(findings[0]);
    }
    const single = lintProfile(profile({ request: { additionalSans: ['edgeserver'] } }));
    expect(ids(single)).toEqual(['error:internal-name']);
    expect(single[0].message).toMatch(/single-label/);

    const subject = lintProfile(
      profile({ topology: { accessEdgeFqdn: 'sip.contoso.local' }, request: { sipDomainSans: ['fabrikam.com'] } }),
    );
    expect(only(subject, 'internal-name')[0]).toMatchObject({ field: ['topology', 'accessEdgeFqdn'] });
  });

  it('allows internal names on the edge internal certificate', () => {
    const internal = profile({ request: { certificateType: 'edgeInternal' } });
    expect(internal.topology.internalEdgeFqdn).toBe('edge-int.contoso.local');
    expect(lintProfile(internal)).toEqual([]);
  });

  it('refuses a three-letter or unassigned country code, and accepts any assigned one', () => {
    const findings = lintProfile(profile({ request: { country: 'KOR' } }));
    expect(ids(findings)).toEqual(['error:country']);
    expect(findings[0]).toMatchObject({ field: ['request', 'country'] });
    expect(findings[0].message).toMatch(/"KOR" is not an ISO 3166-1 two-letter country code/);
    expect(ids(lintProfile(profile({ request: { country: 'XK' } })))).toEqual(['error:country']);
    expect(lintProfile(profile({ request: { country: 'kr' } }))).toEqual([]);
    // An empty country is not a code at all: the subject-required rule says so, not this one.
    expect(ids(lintProfile(profile({ request: { country: '' } })))).toEqual(['error:subject-required']);
    expect(countryCodes).toHaveLength(249);
    expect(isCountryCode('KR') && isCountryCode('GB') && isCountryCode('AX')).toBe(true);
    expect(isCountryCode('UK') || isCountryCode('EU') || isCountryCode('kr')).toBe(false);
  });

  it('refuses a 65-character CN, and O/OU over 64 or ST/L over 128 characters', () => {
    const longName = `${'a'.repeat(53)}.contoso.com`;
    expect(longName).toHaveLength(65);
    const cn = lintProfile(profile({ topology: { accessEdgeFqdn: longName } }));
    expect(ids(cn)).toEqual(['error:length']);
    expect(cn[0]).toMatchObject({ field: ['topology', 'accessEdgeFqdn'], params: { attribute: 'CN', length: 65, max: 64 } });
    expect(cn[0].message).toMatch(/common name \(CN\) is 65 characters long.*at most 64/);
    expect(lintProfile(profile({ topology: { accessEdgeFqdn: `${'a'.repeat(52)}.contoso.com` } }))).toEqual([]);

    expect(ids(lintProfile(profile({ request: { organization: 'o'.repeat(65) } })))).toEqual(['error:length']);
    expect(ids(lintProfile(profile({ request: { organizationalUnit: 'u'.repeat(65) } })))).toEqual(['error:length', 'warning:ou']);
    expect(ids(lintProfile(profile({ request: { state: 's'.repeat(129) } })))).toEqual(['error:length']);
    expect(lintProfile(profile({ request: { state: 's'.repeat(128), city: 'c'.repeat(128) } }))).toEqual([]);
    // Characters, not bytes: 64 Hangul syllables are 192 UTF-8 bytes and still fit.
    expect(lintProfile(profile({ request: { organization: '가'.repeat(64) } }))).toEqual([]);
  });

  it('refuses a certificate that leaves out an XMPP domain', () => {
    const findings = lintProfile(profile({ request: { xmppSans: [] } }));
    expect(ids(findings)).toEqual(['error:xmpp-domain']);
    expect(findings[0].message).toMatch(/XMPP domain "contoso.com" is not among the certificate's names.*federation/);
    expectSentence(findings[0]);
    expect(lintProfile(profile({ request: { xmppSans: [], additionalSans: ['CONTOSO.com'] } }))).toEqual([]);
    expect(lintProfile(profile({ topology: { xmppDomains: [] } }))).toEqual([]);
  });

  it('warns about wildcards, OU, clientAuth, missing sip.<domain> names and a non-exportable pool key', () => {
    const wildcard = lintProfile(profile({ request: { additionalSans: ['*.contoso.com'] } }));
    expect(ids(wildcard)).toEqual(['warning:wildcard']);
    expect(wildcard[0].message).toMatch(/wildcard.*Lync Server 2013/);

    expect(ids(lintProfile(profile({ request: { organizationalUnit: 'IT' } })))).toEqual(['warning:ou']);
    expect(ids(lintProfile(profile({ request: { clientEku: true } })))).toEqual(['warning:client-eku']);

    const sip = lintProfile(profile({ request: { sipDomainSans: ['contoso.com'] } }));
    expect(ids(sip)).toEqual(['warning:sip-domain']);
    expect(sip[0].message).toContain('"fabrikam.com" has no sip.fabrikam.com name');
    // sip.contoso.com is the access edge itself: no warning even when its box is not ticked.
    expect(ids(lintProfile(profile({ request: { sipDomainSans: [] } })))).toEqual(['warning:sip-domain']);

    expect(ids(lintProfile(profile({ topology: { edgePoolSize: 2 }, request: { exportable: false } })))).toEqual(['warning:exportable']);
    expect(lintProfile(profile({ topology: { edgePoolSize: 1 }, request: { exportable: false } }))).toEqual([]);
    expect(lintProfile(profile({ topology: { edgePoolSize: 3 }, request: { exportable: true } }))).toEqual([]);

    const all = [...wildcard, ...sip, ...lintProfile(profile({ request: { organizationalUnit: 'IT', clientEku: true } }))];
    all.forEach(expectSentence);
  });

  it('refuses a request without O, ST, L or C, for either certificate, pointing at each field', () => {
    for (const certificateType of ['externalEdge', 'edgeInternal'] as const) {
      const findings = lintProfile(profile({ request: { certificateType, organization: '', country: '', state: ' ', city: '' } }));
      expect(findings.map((finding) => [finding.id, finding.severity, finding.field, finding.params])).toEqual([
        ['subject-required', 'error', ['request', 'country'], { attribute: 'C' }],
        ['subject-required', 'error', ['request', 'state'], { attribute: 'ST' }],
        ['subject-required', 'error', ['request', 'city'], { attribute: 'L' }],
        ['subject-required', 'error', ['request', 'organization'], { attribute: 'O' }],
      ]);
      findings.forEach(expectSentence);
    }
    expect(only(lintProfile(profile({ request: { organization: '' } })), 'subject-required')[0].message).toBe(
      'Enter the organization name: every request carries the organization (O) in its subject.',
    );
    // The OU stays optional.
    expect(lintProfile(profile({ request: { organizationalUnit: '' } }))).toEqual([]);
  });

  it('takes an issued certificate as it is: a subject of only a CN is no finding', () => {
    const findings = lintCertificate({
      usage: 'externalEdge',
      keyBits: 2048,
      subject: [{ type: 'CN', value: 'sip.contoso.com' }],
      sans: ['sip.contoso.com', 'contoso.com', 'sip.fabrikam.com'],
      clientAuth: false,
      topology: { sipDomains: ['contoso.com', 'fabrikam.com'], xmppDomains: ['contoso.com'], edgePoolSize: 1 },
    });
    expect(findings).toEqual([]);
  });

  it('reports errors before warnings, in the table order', () => {
    const findings = lintProfile(
      profile({
        request: {
          keySize: 1024,
          country: 'KOR',
          organizationalUnit: 'IT',
          additionalSans: ['*.contoso.com', 'a_b.contoso.com'],
          xmppSans: [],
        },
      }),
    );
    expect(ids(findings)).toEqual([
      'error:key-size',
      'error:name-syntax',
      'error:country',
      'error:xmpp-domain',
      'warning:wildcard',
      'warning:ou',
    ]);
    expect(summarizeErrors(findings)).toMatch(
      /^4 errors must be fixed first: \[key-size\] .* \[name-syntax\] .* \[country\] .* \[xmpp-domain\] /,
    );
  });

  it('lints an issued certificate too, with the expiry rule', () => {
    const base = {
      usage: 'externalEdge' as const,
      keyBits: 2048,
      subject: [{ type: 'CN' as const, value: 'sip.contoso.com' }],
      sans: ['sip.contoso.com', 'contoso.com', 'sip.fabrikam.com'],
      clientAuth: false,
      topology: { sipDomains: ['contoso.com', 'fabrikam.com'], xmppDomains: ['contoso.com'], edgePoolSize: 1 },
      now: new Date('2026-06-01T00:00:00Z'),
    };
    const day = 86_400_000;
    const at = (days: number) => new Date(base.now.getTime() + days * day);
    expect(lintCertificate({ ...base, validity: { notBefore: at(-10), notAfter: at(300) } })).toEqual([]);
    const soon = lintCertificate({ ...base, validity: { notBefore: at(-10), notAfter: at(12) } });
    expect(soon).toEqual([
      expect.objectContaining({ id: 'expiry', severity: 'warning', message: expect.stringMatching(/expires on 2026-06-13, in 12 days/) }),
    ]);
    expect(lintCertificate({ ...base, validity: { notBefore: at(2), notAfter: at(300) } })[0].message).toMatch(
      /not valid until 2026-06-03/,
    );
    expect(lintCertificate({ ...base, validity: { notBefore: at(-400), notAfter: at(-1) } })[0].message).toMatch(/expired on/);
    expect(ids(lintCertificate({ ...base, sans: ['sip.contoso.com', 'sip_x.contoso.com'] }))).toEqual([
      'error:name-syntax',
      'error:xmpp-domain',
      'warning:sip-domain',
    ]);
  });

  it('knows every id', () => {
    expect([...lintIds].sort()).toEqual(
      [
        'client-eku',
        'country',
        'expiry',
        'exportable',
        'internal-name',
        'key-size',
        'length',
        'name-syntax',
        'ou',
        'sip-domain',
        'subject-required',
        'wildcard',
        'xmpp-domain',
      ].sort(),
    );
  });
});

describe('lint findings in the admin’s language', () => {
  it('says a missing subject attribute in the CLI’s English and from the catalogs in English and Korean', async () => {
    const { translator } = await import('../../renderer/src/i18n/i18n');
    const { findingText } = await import('../../renderer/src/certificates/lint-text');
    // The certificate strings, as the wizard has them once it is open.
    await (await import('../../renderer/src/features')).loadFeatureMessages();
    const findings = lintProfile(profile({ request: { organization: '', country: '', state: '', city: '' } }));
    expect(findings.map((finding) => finding.params?.attribute)).toEqual(['C', 'ST', 'L', 'O']);
    for (const finding of findings) {
      expect(findingText(finding, 'en', translator('en'))).toBe(finding.message);
      const korean = findingText(finding, 'ko', translator('ko'));
      expect(korean).toMatch(/[\uac00-\ud7a3]/);
      expect(korean).toContain(`(${String(finding.params?.attribute)})`);
    }
  });

  it('says the key-size minimum in Korean from the same constant as in English', async () => {
    const { translator } = await import('../../renderer/src/i18n/i18n');
    const { findingText } = await import('../../renderer/src/certificates/lint-text');
    // The certificate strings, as the wizard has them once it is open.
    await (await import('../../renderer/src/features')).loadFeatureMessages();
    const [finding] = lintProfile(profile({ request: { keySize: 1024 } }));
    expect(findingText(finding, 'ko', translator('ko'))).toBe(
      '키가 1024비트입니다. 공용 인증 기관은 2048비트보다 짧은 RSA 키를 거부합니다. 2048비트 이상을 선택하십시오.',
    );
  });
});
