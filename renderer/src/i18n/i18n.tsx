import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { ko } from './ko';

export type Locale = 'en' | 'ko';
/** A catalog lookup; `locale` says which catalog, for sentences built by code rather than from a template. */
export type Translate = ((key: MessageKey, vars?: Record<string, string | number>) => string) & { readonly locale?: Locale };

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, ko };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  const t = (key: MessageKey, vars?: Record<string, string | number>) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  return Object.assign(t, { locale });
}

/** "system" follows the browser / OS language; Korean when it is Korean, English otherwise. */
export function resolveLocale(setting: 'system' | Locale, languages: readonly string[]): Locale {
  if (setting !== 'system') return setting;
  return languages.some((language) => language.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}

const I18nContext = createContext<{ locale: Locale; t: Translate }>({ locale: 'en', t: translator('en') });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  return useContext(I18nContext);
}
