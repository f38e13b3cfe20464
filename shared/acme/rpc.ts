import { z } from 'zod';
import { certificateProfileSchema } from '../certificates/profile';
import { filePath, noArgs } from '../rpc/schemas';
import { rolloverStepSchema } from '../dns/rollover';
import { acmeProgressSchema, acmeStateSchema, acmeStatusSchema, defaultAcmeState, orderResultSchema } from './acme';
import { defineRpcFeature, storeSlice } from '../rpc/feature';

const renewalOutcomeSchema = z.object({
  id: z.string(),
  friendlyName: z.string(),
  result: orderResultSchema.nullable(),
  error: z.object({ code: z.string(), params: z.record(z.string(), z.string()), message: z.string() }).nullable(),
});

export const acmeMethods = {
  /** The account, the challenge set-up, and each ACME certificate's renewal date and failures. */
  'acme.status': { args: noArgs, result: acmeStatusSchema },
  /** Registers the account for this data dir's key with the CA (agreeing to its terms). */
  'acme.configure': {
    args: z
      .object({
        directory: z.string().min(1).max(2048),
        email: z.email().max(254).optional(),
        caFile: filePath.optional(),
        renewDays: z.number().int().min(1).max(3650).optional(),
      })
      .strict(),
    result: acmeStatusSchema.extend({ termsOfService: z.string().nullable() }),
  },
  'acme.dns': {
    args: z
      .object({ server: z.string().min(1).max(300), tsigKeyFile: filePath, zones: z.array(z.string().min(1).max(253)).max(50) })
      .strict(),
    result: acmeStatusSchema,
  },
  'acme.http': {
    args: z.object({ port: z.number().int().min(1).max(65535), address: z.string().min(1).max(64).optional() }).strict(),
    result: acmeStatusSchema,
  },
  /** Builds the request like the wizard (every lint applies), orders it, imports it, and assigns it when asked. */
  'acme.order': {
    args: z.object({ profile: certificateProfileSchema, assign: z.boolean().optional() }).strict(),
    result: orderResultSchema,
  },
  'acme.renew': { args: z.object({ id: z.string().min(1).max(100) }).strict(), result: orderResultSchema },
  'acme.renewDue': {
    args: noArgs,
    result: z.object({
      renewed: z.array(renewalOutcomeSchema),
      waiting: z.array(z.object({ id: z.string(), friendlyName: z.string(), at: z.string() })),
      removed: z.array(z.object({ id: z.string(), friendlyName: z.string() })),
      /** The pending DANE rollover's step: checked first, switched when its two TTLs have passed. */
      rollover: rolloverStepSchema,
    }),
  },
} as const;

const acmeEvents = {
  'acme.progress': acmeProgressSchema,
} as const;

/** Orders from an ACME CA and renewals; its state holds no keys. */
export const acmeFeature = defineRpcFeature({
  id: 'acme',
  methods: acmeMethods,
  events: acmeEvents,
  store: { acme: storeSlice(acmeStateSchema, defaultAcmeState) },
});
