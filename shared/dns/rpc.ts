import { z } from 'zod';
import { noArgs } from '../rpc/schemas';
import { dnsName } from '../domain/topology';
import { defaultDnsSettings, dnsFormats, dnsSettingsSchema, federationProbeSchema, verifiedRecordSchema } from './records';
import { rolloverSchema, rolloverStepSchema } from './rollover';
import { defineRpcFeature, storeSlice } from '../rpc/feature';

/** Which key the TLSA records were checked against: the one the running gateway serves, else the assigned one. */
const tlsaKeySchema = z.object({
  source: z.enum(['gateway', 'assigned']),
  spkiSha256: z.string(),
  /** Where the gateway was asked (host:port), when it was. */
  address: z.string().nullable(),
});

/** "host:port" of a DNS server to ask instead of the system resolver. */
const dnsServerSchema = z.string().regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$|^[A-Za-z0-9.:[\]-]+$/, {
  message: 'Enter a DNS server as HOST or HOST:PORT, e.g. 10.0.0.53:53.',
});

export const dnsMethods = {
  'dns.records': {
    /** zones: where the records are published; by default each name's registrable domain. */
    args: z.object({ format: z.enum(dnsFormats), zones: z.array(dnsName).max(100).optional() }).strict(),
    result: z.object({
      text: z.string(),
      fileName: z.string(),
      srvNames: z.array(z.string()),
      target: z.string(),
      zones: z.array(z.string()),
    }),
  },
  'dns.settings.get': { args: noArgs, result: dnsSettingsSchema },
  'dns.settings.set': { args: z.object({ settings: dnsSettingsSchema }).strict(), result: dnsSettingsSchema },
  'dns.verify': {
    args: z.object({ server: dnsServerSchema.optional() }).strict(),
    result: z.object({ records: z.array(verifiedRecordSchema), tlsaKey: tlsaKeySchema.nullable() }),
  },
  /**
   * A DANE key rollover: with `id`, starts one to that certificate (its TLSA record is published
   * next to the current one); without, checks the pending one and switches the gateway when its
   * two TTLs have passed.
   */
  'dns.rollover': {
    /** server: the DNS server to watch for the records (default: the dns-01 server, else the system resolver). */
    args: z.object({ id: z.string().min(1).max(100).optional(), server: dnsServerSchema.optional() }).strict(),
    result: rolloverStepSchema,
  },
  /** How a partner reaches any XMPP domain: SRV, address, stream features, STARTTLS, certificate. */
  'dns.probe': {
    args: z.object({ domain: dnsName, server: dnsServerSchema.optional() }).strict(),
    result: federationProbeSchema,
  },
} as const;

/** SRV and TLSA records, their verification, DANE key rollovers, and the federation probe. */
export const dnsFeature = defineRpcFeature({
  id: 'dns',
  methods: dnsMethods,
  events: {},
  store: {
    dns: storeSlice(dnsSettingsSchema, defaultDnsSettings),
    /** A DANE key rollover waiting for the next key's TLSA record to be seen for two TTLs (null: none). */
    daneRollover: storeSlice(rolloverSchema.nullable(), null),
  },
});
