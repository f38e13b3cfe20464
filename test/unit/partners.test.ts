import { describe, expect, it } from 'vitest';
import { negotiationValues, negotiationVerdict, partnerInputSchema, type Negotiation } from '../../shared/partners/partner';
import { newXmppAllowedPartnerCommand } from '../../shared/partners/powershell';
import { RpcError } from '../../shared/rpc/protocol';
import { memoryCore } from '../support/core';

/** Lync's matrix, written out by hand: [TLS, SASL, dialback] → verdict. */
const matrix: [Negotiation, Negotiation, boolean, 'clean' | 'warning' | 'invalid'][] = [
  ['Required', 'Required', true, 'warning'],
  ['Required', 'Required', false, 'clean'],
  ['Required', 'Optional', true, 'clean'],
  ['Required', 'Optional', false, 'clean'],
  ['Required', 'NotSupported', true, 'clean'],
  ['Required', 'NotSupported', false, 'invalid'],
  ['Optional', 'Required', true, 'warning'],
  ['Optional', 'Required', false, 'warning'],
  ['Optional', 'Optional', true, 'warning'],
  ['Optional', 'Optional', false, 'warning'],
  ['Optional', 'NotSupported', true, 'clean'],
  ['Optional', 'NotSupported', false, 'invalid'],
  ['NotSupported', 'Required', true, 'invalid'],
  ['NotSupported', 'Required', false, 'invalid'],
  ['NotSupported', 'Optional', true, 'invalid'],
  ['NotSupported', 'Optional', false, 'invalid'],
  ['NotSupported', 'NotSupported', true, 'clean'],
  ['NotSupported', 'NotSupported', false, 'invalid'],
];

describe('negotiation matrix', () => {
  it('covers all 18 combinations', () => {
    expect(new Set(matrix.map(([tls, sasl, dialback]) => `${tls}/${sasl}/${dialback}`)).size).toBe(negotiationValues.length ** 2 * 2);
  });

  it.each(matrix)('TLS %s, SASL %s, dialback %s → %s', (tls, sasl, dialback, level) => {
    const verdict = negotiationVerdict(tls, sasl, dialback);
    expect(verdict.level).toBe(level);
    if (verdict.level !== 'clean') expect(verdict.message.length).toBeGreaterThan(20);
  });

  it('names the reasons of the matrix', () => {
    expect(negotiationVerdict('Required', 'Required', true)).toMatchObject({
      message: expect.stringContaining('dialback will not operate'),
    });
    expect(negotiationVerdict('Optional', 'Optional', true)).toMatchObject({
      message: expect.stringContaining('may fail session negotiation'),
    });
  });
});

describe('PowerShell export', () => {
  it('quotes a description with quotes, $, a backtick and Korean so PowerShell reads it back verbatim', () => {
    const partner = partnerInputSchema.parse({
      domain: 'fabrikam.com',
      description: 'Say "hi" to $env:USERNAME `now` — 파트너 회사와의 “연동”입니다.',
      additionalDomains: ['chat.fabrikam.com', '회사.한국'],
      partnerType: 'Federated',
      supportDialbackNegotiation: false,
    });
    expect(newXmppAllowedPartnerCommand(partner)).toBe(
      'New-CsXmppAllowedPartner -Identity "fabrikam.com" -PartnerType Federated -TlsNegotiation Required -SaslNegotiation Required ' +
        '-SupportDialbackNegotiation $false -EnableKeepAlive $true -AdditionalDomains "chat.fabrikam.com","xn--vf4b131b.xn--3e0b707e" ' +
        '-Description "Say `"hi`" to `$env:USERNAME ``now`` — 파트너 회사와의 `“연동`”입니다."',
    );
  });

  it('leaves out empty optional parameters and spells out the partner defaults', () => {
    expect(newXmppAllowedPartnerCommand(partnerInputSchema.parse({ domain: 'jabber.example' }))).toBe(
      'New-CsXmppAllowedPartner -Identity "jabber.example" -PartnerType PublicUnverified -TlsNegotiation Required -SaslNegotiation Required -SupportDialbackNegotiation $true -EnableKeepAlive $true',
    );
  });
});

describe('partners over the RPC', () => {
  it('adds, edits, refuses an invalid combination and a taken domain, and removes', async () => {
    const { client } = memoryCore();
    await client.call('partners.commit', { partner: { domain: 'Fabrikam.com', additionalDomains: ['chat.fabrikam.com'] } });
    await client.call('partners.commit', { partner: { domain: 'bücher.example' } });
    expect((await client.call('partners.list', {})).map((p) => p.domain)).toEqual(['fabrikam.com', 'xn--bcher-kva.example']);

    const invalid = (await client
      .call('partners.commit', {
        partner: { domain: 'fabrikam.com', saslNegotiation: 'NotSupported', supportDialbackNegotiation: false },
        replacing: 'fabrikam.com',
      })
      .catch((e: unknown) => e)) as RpcError;
    expect(invalid.code).toBe('refused');
    expect(invalid.issues).toEqual([
      expect.objectContaining({ path: ['partner', 'supportDialbackNegotiation'], reason: 'partners.no-authentication' }),
    ]);

    const taken = (await client
      .call('partners.commit', { partner: { domain: 'other.example', additionalDomains: ['chat.fabrikam.com'] } })
      .catch((e: unknown) => e)) as RpcError;
    expect(taken.issues).toEqual([expect.objectContaining({ path: ['partner', 'additionalDomains', 0], reason: 'partners.domain-taken' })]);

    const edited = await client.call('partners.commit', {
      partner: { domain: 'fabrikam.com', tlsNegotiation: 'Optional', saslNegotiation: 'NotSupported' },
      replacing: 'fabrikam.com',
    });
    expect(edited[0]).toMatchObject({ domain: 'fabrikam.com', tlsNegotiation: 'Optional', additionalDomains: [] });

    expect((await client.call('partners.remove', { domain: 'fabrikam.com' })).map((p) => p.domain)).toEqual(['xn--bcher-kva.example']);
    await expect(client.call('partners.remove', { domain: 'fabrikam.com' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('imports all or nothing, and exports JSON that imports back', async () => {
    const { client } = memoryCore();
    await client.call('partners.commit', { partner: { domain: 'keep.example' } });
    const refused = await client
      .call('partners.import', { partners: [{ domain: 'a.example' }, { domain: 'b.example', tlsNegotiation: 'NotSupported' }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RpcError);
    expect((refused as RpcError).issues[0].path).toEqual(['partners', 1, 'saslNegotiation']);
    expect((await client.call('partners.list', {})).map((p) => p.domain)).toEqual(['keep.example']);

    await client.call('partners.import', { partners: [{ domain: 'a.example' }, { domain: 'keep.example', partnerType: 'Federated' }] });
    const exported = await client.call('partners.export', { format: 'json' });
    const other = memoryCore().client;
    await other.call('partners.import', { partners: JSON.parse(exported.text) });
    expect(await other.call('partners.list', {})).toEqual(await client.call('partners.list', {}));
    expect((await client.call('partners.export', { format: 'powershell' })).text.split('\n').filter(Boolean)).toHaveLength(2);
  });
});
