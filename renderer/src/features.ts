import type { FeatureMessages } from './i18n/feature';
import { addMessages } from './i18n/i18n';
import { topologyFeature } from './topology/feature';
import { certificatesFeature } from './certificates/feature';
import { gatewayFeature } from './gateway/feature';
import { partnersFeature } from './partners/feature';
import { dnsFeature } from './dns/feature';

/**
 * Every feature of the UI, one line each. The home, the app bar, the side pane and the string
 * catalogs go through this list; a new feature is its folder plus one line here. The core's
 * ACME and trust features have no view of their own: the ACME order is part of the certificate
 * request wizard and the trusted roots a panel of the certificates page, so both are the
 * certificates feature's.
 */
export const features = [topologyFeature, certificatesFeature, gatewayFeature, partnersFeature, dnsFeature] as const;

type AnyFeature = (typeof features)[number];
type KeysOf<F> =
  | (F extends { home: FeatureMessages<infer Home> } ? keyof Home : never)
  | (F extends { messages: () => Promise<FeatureMessages<infer Own>> } ? keyof Own : never);
/** Every key of every feature's strings. */
export type FeatureMessageKey = KeysOf<AnyFeature>;
/** The features with a page (opened from their home step in place of the home). */
export type PageFeatureId = Extract<AnyFeature, { page: unknown }>['id'];
/** The features with a side pane. */
export type PaneFeatureId = Extract<AnyFeature, { pane: unknown }>['id'];

export const pageFeatures = features.filter((feature): feature is Extract<AnyFeature, { page: unknown }> => 'page' in feature);
export const paneFeatures = features.filter((feature): feature is Extract<AnyFeature, { pane: unknown }> => 'pane' in feature);

for (const feature of features) if ('home' in feature) addMessages(feature.home);

let loading: Promise<void> | null = null;

/**
 * Loads every feature's own strings once, before the first view shows; a view may show another
 * feature's coded messages (the DNS page the ACME problems the certificates feature holds), so
 * they load together. A failed load is tried again next time.
 */
export function loadFeatureMessages(): Promise<void> {
  loading ??= Promise.all(features.map((feature) => ('messages' in feature ? feature.messages() : null))).then(
    (all) => all.forEach((messages) => messages && addMessages(messages)),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
