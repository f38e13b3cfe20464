import { describe, expect, it } from 'vitest';
import { countryCodes } from '../../shared/certificates/countries';
import { nameCountries } from '../../renderer/src/certificates/wizard-pages/country-names';
import { countryOptions } from '../../renderer/src/certificates/wizard-pages/country-options';

describe('the geography page’s country list', () => {
  for (const locale of ['en', 'ko']) {
    it(`names every country once in ${locale} and sorts them as ${locale} sorts, as the page always has`, () => {
      const names = new Intl.DisplayNames([locale], { type: 'region' });
      const options = nameCountries(locale);
      expect(options.map((option) => option.code).sort()).toEqual([...countryCodes].sort());
      for (const option of options) expect(option.label).toBe(names.of(option.code));
      const sorted = [...options].sort((a, b) => a.label.localeCompare(b.label, locale));
      expect(options).toEqual(sorted);
    });
  }

  it('is made once per language and then reused', () => {
    const first = countryOptions('ko');
    expect(countryOptions('ko')).toBe(first);
    expect(first).toEqual(nameCountries('ko'));
    expect(countryOptions('en')[0]).not.toEqual(first[0]);
  });
});
