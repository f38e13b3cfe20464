import { describe, expect, it } from 'vitest';
import { normalizeDnsName } from '../../shared/domain/dns-name';
import { topologyInputSchema } from '../../shared/domain/topology';
import { sampleTopology } from '../support/core';

describe('DNS names', () => {
  it.each([
    ['Contoso.COM', 'contoso.com', 'contoso.com'],
    ['bücher.example', 'xn--bcher-kva.example', 'bücher.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example', 'bücher.example'],
    ['sip.회사.한국', 'sip.xn--vf4b131b.xn--3e0b707e', 'sip.회사.한국'],
    ['  edge.contoso.com ', 'edge.contoso.com', 'edge.contoso.com'],
  ])('accepts %s as %s', (input, ascii, unicode) => {
    expect(normalizeDnsName(input)).toEqual({ ok: true, ascii, unicode });
  });

  it.each([
    ['', 'dns.required'],
    ['sip_edge.contoso.com', 'dns.underscore'],
    ['edge.contoso.com.', 'dns.trailing-dot'],
    ['10.1.2.3', 'dns.ip-address'],
    ['[::1]', 'dns.ip-address'],
    ['*.contoso.com', 'dns.wildcard'],
    ['a..b.com', 'dns.empty-label'],
    [`${'a'.repeat(64)}.com`, 'dns.label-too-long'],
    [`${'abcdefghi.'.repeat(26)}com`, 'dns.too-long'],
    ['-edge.contoso.com', 'dns.hyphen'],
    ['xn--a.com', 'dns.bad-punycode'],
    ['edge', 'dns.single-label'],
    ['edge contoso.com', 'dns.whitespace'],
    ['edge!.com', 'dns.bad-character'],
  ])('refuses %j with %s', (input, reason) => {
    const result = normalizeDnsName(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe(reason);
  });

  it('accepts a wildcard only when asked to', () => {
    expect(normalizeDnsName('*.contoso.com', { allowWildcard: true })).toMatchObject({ ok: true, ascii: '*.contoso.com' });
  });
});

describe('topology schema', () => {
  it('fills defaults and drops empty optional names', () => {
    const parsed = topologyInputSchema.parse({
      ...sampleTopology,
      webConferencingEdgeFqdn: ' ',
      edgePoolSize: undefined,
      xmppDomains: undefined,
    });
    expect(parsed.edgePoolSize).toBe(1);
    expect(parsed.xmppDomains).toEqual([]);
    expect(parsed.webConferencingEdgeFqdn).toBeUndefined();
  });

  it('refuses the same name for the internal and access edge', () => {
    const result = topologyInputSchema.safeParse({ ...sampleTopology, internalEdgeFqdn: 'SIP.contoso.com' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['internalEdgeFqdn'], params: { reason: 'topology.internal-equals-external' } });
  });

  it('refuses an empty SIP domain list and a fractional pool size', () => {
    const result = topologyInputSchema.safeParse({ ...sampleTopology, sipDomains: [], edgePoolSize: 1.5 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['sipDomains', 'edgePoolSize']);
  });
});
