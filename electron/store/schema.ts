import { z } from 'zod';
import { acmeStateSchema, defaultAcmeState } from '../../shared/acme/acme';
import { storedCertificateSchema } from '../../shared/certificates/installed';
import { requestDraftSchema, storedRequestSchema } from '../../shared/certificates/requests';
import { defaultSettings, settingsSchema } from '../../shared/domain/settings';
import { topologySchema } from '../../shared/domain/topology';
import { partnerSchema } from '../../shared/partners/partner';
import { defaultDnsSettings, dnsSettingsSchema } from '../../shared/dns/records';
import { rolloverSchema } from '../../shared/dns/rollover';
import { defaultGatewaySettings, gatewaySettingsSchema } from '../../shared/gateway/types';

/** Version of the store's shape (not of the app); conf runs migrations up to it. */
export const STORE_VERSION = '1.3.0';

export const storeDataSchema = z
  .object({
    settings: settingsSchema,
    topology: topologySchema.nullable(),
    wizard: z.object({ certificateTaskCompleted: z.boolean() }),
    /** Pending certificate requests (their keys live encrypted under keys/, never here). */
    certificates: z.array(z.union([storedRequestSchema, storedCertificateSchema])),
    /** The request wizard's unsaved answers and page, so they survive a restart. */
    requestDraft: requestDraftSchema.nullable(),
    /** XMPP federation partners. New top-level keys need no migration: conf fills them from the defaults. */
    partners: z.array(partnerSchema),
    dns: dnsSettingsSchema,
    /** Which gateway to manage and its ports (SPEC §6). */
    gateway: gatewaySettingsSchema,
    /** The ACME account, challenge set-up and renewal book-keeping (no keys). */
    acme: acmeStateSchema,
    /** A DANE key rollover waiting for the next key's TLSA record to be seen for two TTLs (null: none). */
    daneRollover: rolloverSchema.nullable(),
  })
  // conf keeps its own bookkeeping under "__internal__".
  .loose();

export type StoreData = z.infer<typeof storeDataSchema>;
export type StoreKey =
  'settings' | 'topology' | 'wizard' | 'certificates' | 'requestDraft' | 'partners' | 'dns' | 'gateway' | 'acme' | 'daneRollover';

export const storeDefaults: StoreData = {
  settings: defaultSettings,
  topology: null,
  wizard: { certificateTaskCompleted: false },
  certificates: [],
  requestDraft: null,
  partners: [],
  dns: defaultDnsSettings,
  gateway: defaultGatewaySettings,
  acme: defaultAcmeState,
  daneRollover: null,
};

export interface MigrationStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Keyed by STORE_VERSION values, as conf and electron-store expect. */
export const storeMigrations: Record<string, (store: MigrationStore) => void> = {
  '1.0.0': (store) => {
    // Stores written before the wizard state existed start with no completed task.
    if (store.get('wizard') === undefined) store.set('wizard', storeDefaults.wizard);
  },
  '1.1.0': (store) => {
    // Certificate requests and the request draft arrived with the certificate wizard.
    if (store.get('certificates') === undefined) store.set('certificates', storeDefaults.certificates);
    if (store.get('requestDraft') === undefined) store.set('requestDraft', storeDefaults.requestDraft);
  },
  '1.2.0': (store) => {
    // Issued certificates join the pending requests in "certificates"; older entries are all pending and stay valid.
    if (!Array.isArray(store.get('certificates'))) store.set('certificates', storeDefaults.certificates);
  },
  '1.3.0': (store) => {
    // Gateway settings arrived with the gateway service manager.
    if (store.get('gateway') === undefined) store.set('gateway', storeDefaults.gateway);
  },
};
