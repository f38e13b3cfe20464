import { describe, expect, it } from 'vitest';
import { buildSans, buildSubject, displayName, formatSubject, sanEntries } from '../../shared/certificates/names';
import { certificateProfileSchema, toStoredProfile } from '../../shared/certificates/profile';
import { toFieldIssues } from '../../shared/rpc/issues';
import { profile, profileInput } from '../support/certificates';

function issuesOf(input: unknown) {
  const result = certificateProfileSchema.safeParse(input);
  expect(result.success).toBe(false);
  return toFieldIssues(result.error!);
}

describe('certificate profile schema', () => {
  it('fills the defaults and normalizes names and text', () => {
    const parsed = certificateProfileSchema.parse({
      topology: { sipDomains: ['Contoso.COM'], accessEdgeFqdn: 'SIP.contoso.com', internalEdgeFqdn: 'edge.contoso.local' },
      request: { certificateType: 'externalEdge', friendlyName: '  Edge  ', country: ' kr ', organization: ' Contoso ' },
    });
    expect(parsed.request).toEqual({
      certificateType: 'externalEdge',
      friendlyName: 'Edge',
      keySize: 2048,
      exportable: true,
      clientEku: false,
      organization: 'Contoso',
      organizationalUnit: '',
      country: 'KR',
      state: '',
      city: '',
      sipDomainSans: [],
      additionalSans: [],
    });
    expect(parsed.request.template).toBeUndefined();
    expect(parsed.request.xmppSans).toBeUndefined();
    expect(parsed.topology).toMatchObject({
      sipDomains: ['contoso.com'],
      accessEdgeFqdn: 'sip.contoso.com',
      xmppDomains: [],
      edgePoolSize: 1,
    });
  });

  it('refuses what cannot be a request, with field paths and reasons', () => {
    expect(issuesOf(profileInput({ request: { keySize: 512 as never } }))).toEqual([
      expect.objectContaining({ path: ['request', 'keySize'], reason: 'certificate.key-size' }),
    ]);
    expect(issuesOf(profileInput({ request: { friendlyName: ' ' } }))).toEqual([
      expect.objectContaining({ path: ['request', 'friendlyName'], reason: 'certificate.friendly-name-required' }),
    ]);
    expect(issuesOf(profileInput({ request: { template: '' } }))).toEqual([
      expect.objectContaining({ path: ['request', 'template'], reason: 'certificate.template-required' }),
    ]);
    expect(issuesOf(profileInput({ request: { template: 'Web🙂' } }))[0]).toMatchObject({ reason: 'certificate.template-characters' });
    expect(issuesOf(profileInput({ request: { organization: 'Contoso\nLtd' } }))).toEqual([
      expect.objectContaining({ path: ['request', 'organization'], reason: 'certificate.control-character' }),
    ]);
    expect(issuesOf(profileInput({ request: { certificateType: 'webServer' as never } }))[0].path).toEqual(['request', 'certificateType']);
    expect(issuesOf(profileInput({ request: { keysize: 2048 } as never }))[0]).toMatchObject({
      path: ['request'],
      reason: 'schema.unrecognized_keys',
    });
    expect(issuesOf(profileInput({ request: { additionalSans: ['ok.contoso.com', ' '] } }))).toEqual([
      expect.objectContaining({ path: ['request', 'additionalSans', 1], reason: 'dns.required' }),
    ]);
    expect(issuesOf(profileInput({ topology: { accessEdgeFqdn: 'sip_1.contoso.com' } }))).toEqual([
      expect.objectContaining({ path: ['topology', 'accessEdgeFqdn'], reason: 'dns.underscore' }),
    ]);
  });

  it('accepts only the topology’s own SIP and XMPP domains as ticked or kept', () => {
    expect(issuesOf(profileInput({ request: { sipDomainSans: ['contoso.com', 'tailspin.com'], xmppSans: ['fabrikam.com'] } }))).toEqual([
      expect.objectContaining({ path: ['request', 'sipDomainSans', 1], reason: 'certificate.not-a-sip-domain' }),
      expect.objectContaining({ path: ['request', 'xmppSans', 0], reason: 'certificate.not-an-xmpp-domain' }),
    ]);
    const idn = profile({ topology: { sipDomains: ['contoso.com', 'bücher.example'] }, request: { sipDomainSans: ['BÜCHER.example'] } });
    expect(idn.request.sipDomainSans).toEqual(['xn--bcher-kva.example']);
  });

  it('stores the validated profile as plain JSON', () => {
    const stored = toStoredProfile(profile({ request: { template: 'WebServer' } }));
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    expect(Object.values(stored.request)).not.toContain(undefined);
  });
});

describe('SAN list and subject', () => {
  it('lists access edge, web conferencing edge, ticked sip.<domain>, kept XMPP domains, additional names — in that order', () => {
    const p = profile({
      topology: { sipDomains: ['contoso.com', 'fabrikam.com', 'tailspin.com'], xmppDomains: ['contoso.com', 'xmpp.fabrikam.com'] },
      // Ticked in another order than the topology's: the SAN list follows the topology.
      request: { sipDomainSans: ['tailspin.com', 'contoso.com'], additionalSans: ['meet.contoso.com'] },
    });
    expect(buildSans(p)).toEqual([
      'sip.contoso.com',
      'webcon.contoso.com',
      'sip.tailspin.com',
      'contoso.com',
      'xmpp.fabrikam.com',
      'meet.contoso.com',
    ]);
    expect(sanEntries(p).map((entry) => entry.source)).toEqual([
      'accessEdge',
      'webConferencingEdge',
      'sipDomain',
      'xmppDomain',
      'xmppDomain',
      'additional',
    ]);
  });

  it('removes duplicates case-insensitively and emits IDNs as A-labels', () => {
    const p = profile({
      topology: { sipDomains: ['contoso.com', 'bücher.example'], xmppDomains: ['bücher.example'] },
      request: {
        sipDomainSans: ['contoso.com', 'bücher.example'],
        additionalSans: ['SIP.Contoso.com', 'Bücher.Example', 'Webcon.contoso.com', 'new.contoso.com'],
      },
    });
    expect(buildSans(p)).toEqual([
      'sip.contoso.com',
      'webcon.contoso.com',
      'sip.xn--bcher-kva.example',
      'xn--bcher-kva.example',
      'new.contoso.com',
    ]);
    expect(displayName('sip.xn--bcher-kva.example')).toBe('sip.bücher.example (sip.xn--bcher-kva.example)');
  });

  it('keeps every XMPP domain when xmppSans is omitted, only the kept ones otherwise', () => {
    const topology = { xmppDomains: ['contoso.com', 'fabrikam.com'] };
    expect(buildSans(profile({ topology }))).toEqual([
      'sip.contoso.com',
      'webcon.contoso.com',
      'sip.fabrikam.com',
      'contoso.com',
      'fabrikam.com',
    ]);
    expect(buildSans(profile({ topology, request: { xmppSans: ['fabrikam.com'] } }))).toEqual([
      'sip.contoso.com',
      'webcon.contoso.com',
      'sip.fabrikam.com',
      'fabrikam.com',
    ]);
  });

  it('names only the internal edge on the edge internal certificate', () => {
    const p = profile({ request: { certificateType: 'edgeInternal', additionalSans: ['extra.contoso.com'] } });
    expect(buildSans(p)).toEqual(['edge-int.contoso.local']);
    expect(buildSubject(p).at(-1)).toEqual({ type: 'CN', value: 'edge-int.contoso.local' });
  });

  it('builds the subject C, ST, L, O, OU, CN, leaving out empty ones', () => {
    const full = profile({ request: { organizationalUnit: 'IT' } });
    expect(buildSubject(full)).toEqual([
      { type: 'C', value: 'US' },
      { type: 'ST', value: 'Washington' },
      { type: 'L', value: 'Redmond' },
      { type: 'O', value: 'Contoso Ltd' },
      { type: 'OU', value: 'IT' },
      { type: 'CN', value: 'sip.contoso.com' },
    ]);
    const sparse = profile({ request: { country: '', state: '', organization: '' } });
    expect(buildSubject(sparse).map((attribute) => attribute.type)).toEqual(['L', 'CN']);
    expect(formatSubject(buildSubject(full))).toBe('CN=sip.contoso.com, OU=IT, O=Contoso Ltd, L=Redmond, ST=Washington, C=US');
    expect(formatSubject([{ type: 'O', value: 'Contoso, Inc. "A+B"' }])).toBe('O=Contoso\\, Inc. \\"A\\+B\\"');
  });
});
