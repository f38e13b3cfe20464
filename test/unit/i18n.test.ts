import { describe, expect, it } from 'vitest';
import { loadFeatureMessages } from '../../renderer/src/features';
import { catalog, resolveLocale, translator } from '../../renderer/src/i18n/i18n';

// The shell's strings and every feature's, as the app has them once a view has opened.
await loadFeatureMessages();
const en = catalog('en');
const ko = catalog('ko');

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has a Korean string for every English one, with the same placeholders', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(placeholders(ko[key]), key).toEqual(placeholders(en[key]));
      expect(ko[key].trim(), key).not.toBe('');
    }
  });

  it('has a translated sentence for every DNS name reason the rules produce', async () => {
    const { dnsNameMessage } = await import('../../shared/domain/dns-name');
    const reasons = Object.keys(en).filter((k) => k.startsWith('reason.dns.'));
    expect(reasons.length).toBeGreaterThan(10);
    for (const key of reasons) expect(dnsNameMessage(key.slice('reason.'.length) as never)).toBe(en[key]);
  });

  it('fills placeholders and follows the system language', () => {
    expect(translator('ko')('home.step', { n: 2 })).toBe('2단계');
    expect(translator('en')('home.step', { n: 2 })).toBe('Step 2');
    expect(resolveLocale('system', ['ko-KR', 'en-US'])).toBe('ko');
    expect(resolveLocale('system', ['de-DE'])).toBe('en');
    expect(resolveLocale('en', ['ko-KR'])).toBe('en');
  });
});
