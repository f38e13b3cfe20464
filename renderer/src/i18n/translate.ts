// Plain data and functions, no React: the desktop app's tray renders from these catalogs too.
import { en, type MessageKey } from './en';
import type { FeatureMessages } from './feature';
import { ko } from './ko';

export type Locale = 'en' | 'ko';
/** A catalog lookup; `locale` says which catalog, for sentences built by code rather than from a template. */
export type Translate = ((key: MessageKey, vars?: Record<string, string | number>) => string) & { readonly locale?: Locale };

/** The shell's strings from the start; each feature adds its own when they load (features.ts). */
const catalogs: Record<Locale, Record<string, string>> = { en: { ...en }, ko: { ...ko } };

/** Adds a feature's strings to both catalogs. */
export function addMessages(messages: FeatureMessages<Record<string, string>>): void {
  Object.assign(catalogs.en, messages.en);
  Object.assign(catalogs.ko, messages.ko);
}

/** The strings loaded so far in one language. */
export function catalog(locale: Locale): Readonly<Record<string, string>> {
  return catalogs[locale];
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogs.en, key);
}

export function translator(locale: Locale): Translate {
  const strings = catalogs[locale];
  // A key whose feature has not loaded its strings shows as itself, so the slip is visible, not blank.
  const t = (key: MessageKey, vars?: Record<string, string | number>) =>
    (strings[key] ?? key)
      // "{count:partner|partners}": the word for one, else the word for any other number.
      .replace(/\{(\w+):([^|{}]*)\|([^{}]*)\}/g, (whole, name: string, one: string, other: string) =>
        vars && name in vars ? (Number(vars[name]) === 1 ? one : other) : whole,
      )
      .replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  return Object.assign(t, { locale });
}

/** "system" follows the browser / OS language; Korean when it is Korean, English otherwise. */
export function resolveLocale(setting: 'system' | Locale, languages: readonly string[]): Locale {
  if (setting !== 'system') return setting;
  return languages.some((language) => language.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}
