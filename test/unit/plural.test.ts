import { describe, expect, it } from 'vitest';
import { countOf } from '../../shared/plural';
import { loadFeatureMessages } from '../../renderer/src/features';
import { translator } from '../../renderer/src/i18n/translate';

describe('counted words', () => {
  it('says one and many apart in the English CLI and core details', () => {
    expect(countOf(1, 'partner', 'partners')).toBe('1 partner');
    expect(countOf(0, 'partner', 'partners')).toBe('0 partners');
    expect(countOf(3, 'DNS check', 'DNS checks')).toBe('3 DNS checks');
  });

  it('says one and many apart in the UI catalogs, and Korean needs no plural form', async () => {
    await loadFeatureMessages();
    const en = translator('en');
    expect(en('dns.verify.problems', { count: 1 })).toBe('1 check failed.');
    expect(en('dns.verify.problems', { count: 4 })).toBe('4 checks failed.');
    expect(en('trust.added', { count: 1 })).toBe('Trusted 1 root.');
    expect(en('partners.imported', { count: 2 })).toBe('Imported 2 partners.');
    expect(en('gw.sessions.closed', { count: 1, domain: 'fabrikam.com' })).toBe('Closed 1 session with fabrikam.com.');
    expect(translator('ko')('dns.verify.problems', { count: 4 })).not.toMatch(/[{}|]/);
  });
});
