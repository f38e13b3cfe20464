/** A feature's strings: English, and Korean with exactly the same keys. */
export interface FeatureMessages<En extends Record<string, string>> {
  en: En;
  ko: Record<keyof En, string>;
}
