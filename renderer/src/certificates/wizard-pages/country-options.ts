import { nameCountries, type CountryOption } from './country-names';

const byLocale = new Map<string, readonly CountryOption[]>();
const preparing = new Set<string>();

/** The country list in the admin's language: made ahead by prepareCountryOptions, else here. */
export function countryOptions(locale: string): readonly CountryOption[] {
  let options = byLocale.get(locale);
  if (!options) {
    options = nameCountries(locale);
    byLocale.set(locale, options);
  }
  return options;
}

/**
 * Has a worker name the countries while the admin is on the wizard's first pages, so the geography
 * page does not load the language's region names in its own render. Without a worker (or before it
 * answers) the page names them itself, as before.
 */
export function prepareCountryOptions(locale: string): void {
  if (byLocale.has(locale) || preparing.has(locale) || typeof Worker === 'undefined') return;
  preparing.add(locale);
  try {
    const worker = new Worker(new URL('./country-names.worker.ts', import.meta.url), { type: 'module' });
    const done = () => {
      worker.terminate();
      preparing.delete(locale);
    };
    worker.onmessage = (event: MessageEvent<CountryOption[]>) => {
      if (!byLocale.has(locale)) byLocale.set(locale, event.data);
      done();
    };
    worker.onerror = done;
    worker.postMessage(locale);
  } catch {
    preparing.delete(locale);
  }
}
