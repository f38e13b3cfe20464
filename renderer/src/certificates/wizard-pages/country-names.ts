import { countryCodes } from '../../../../shared/certificates/countries';

export interface CountryOption {
  code: string;
  label: string;
}

/** Every country or region, named in this language and sorted as it sorts. */
export function nameCountries(locale: string): CountryOption[] {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  // One collator for the whole sort: localeCompare with a locale may build one per comparison.
  const collator = new Intl.Collator(locale);
  return [...countryCodes].map((code) => ({ code, label: names.of(code) ?? code })).sort((a, b) => collator.compare(a.label, b.label));
}
