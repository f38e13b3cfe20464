import { z } from 'zod';
import { noArgs } from '../rpc/schemas';
import { partnerInputSchema, partnerSchema } from './partner';
import { defineRpcFeature, storeSlice } from '../rpc/feature';

const partnerList = z.array(partnerSchema);

export const partnerMethods = {
  'partners.list': { args: noArgs, result: partnerList },
  /** Adds a partner, or replaces the one whose primary domain was `replacing` (an edit). */
  'partners.commit': {
    args: z.object({ partner: partnerInputSchema, replacing: z.string().optional() }).strict(),
    result: partnerList,
  },
  'partners.remove': { args: z.object({ domain: z.string() }).strict(), result: partnerList },
  /** All or nothing: every partner valid and no domain clash, or nothing changes. */
  'partners.import': {
    args: z.object({ partners: z.array(partnerInputSchema).max(1000, { message: 'Import at most 1000 partners at once.' }) }).strict(),
    result: partnerList,
  },
  'partners.export': {
    args: z.object({ format: z.enum(['json', 'powershell']) }).strict(),
    result: z.object({ text: z.string(), fileName: z.string() }),
  },
} as const;

const partnerEvents = {
  'partners.changed': partnerList,
} as const;

/** XMPP federation partners. */
export const partnersFeature = defineRpcFeature({
  id: 'partners',
  methods: partnerMethods,
  events: partnerEvents,
  store: { partners: storeSlice(partnerList, []) },
});
