import { z } from 'zod';
import { storedProfileSchema } from '../certificates/profile';
import { rolloverStatusSchema, rolloverStepSchema } from '../dns/rollover';

/**
 * ACME ordering and renewal (the immediate request, `edgewiz acme` and `renew`): the account, the
 * challenge set-up and the renewal book-keeping kept per data dir. No key material: the
 * account key lives encrypted in the key vault under ACCOUNT_KEY_ID.
 */

export const ACCOUNT_KEY_ID = 'acme-account';
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Renew when this much of the lifetime is left, or DEFAULT_RENEW_DAYS, whichever comes later. */
const RENEW_LIFETIME_FRACTION = 1 / 3;
const DEFAULT_RENEW_DAYS = 30;

const acmeAccountSchema = z.object({
  directory: z.string(),
  email: z.string().optional(),
  /** The admin's CA file for a private ACME server's TLS (PEM text, copied so a moved file does not break ordering). */
  caPem: z.string().optional(),
  caFile: z.string().optional(),
  termsAccepted: z.literal(true),
  accountUrl: z.string().optional(),
  /** Days before expiry that renewal starts, overriding the default window. */
  renewDays: z.number().int().positive().optional(),
  configuredAt: z.string(),
});
export type AcmeAccount = z.infer<typeof acmeAccountSchema>;

const acmeDnsSchema = z.object({
  /** host:port of the DNS server that takes RFC 2136 updates (and answers the visibility check). */
  server: z.string(),
  /** Path of the TSIG key file as tsig-keygen writes it. */
  tsigKeyFile: z.string(),
  zones: z.array(z.string()),
});
export type AcmeDns = z.infer<typeof acmeDnsSchema>;

const acmeHttpSchema = z.object({ port: z.number().int().min(1).max(65535), address: z.string() });
export type AcmeHttp = z.infer<typeof acmeHttpSchema>;

const acmeProblemSchema = z.object({ code: z.string(), params: z.record(z.string(), z.string()) });
export type AcmeProblem = z.infer<typeof acmeProblemSchema>;

const renewalRecordSchema = z.object({
  failures: z.number().int().min(0),
  lastAttempt: z.string(),
  nextAttempt: z.string(),
  lastError: acmeProblemSchema.nullable(),
});

export const acmeStateSchema = z.object({
  account: acmeAccountSchema.nullable(),
  challenge: z.enum(['dns-01', 'http-01']).nullable(),
  dns: acmeDnsSchema.nullable(),
  http: acmeHttpSchema.nullable(),
  /** What each certificate was ordered with, so renewal orders the same names and subject. */
  ordered: z.record(z.string(), storedProfileSchema),
  /** Renewal failures per certificate id (cleared by a successful renewal). */
  renewals: z.record(z.string(), renewalRecordSchema),
  /** Certificates replaced by a renewal: old id → new id. Listed until they expire, then removed with their key. */
  replaced: z.record(z.string(), z.string()),
});
export type AcmeState = z.infer<typeof acmeStateSchema>;

export const defaultAcmeState: AcmeState = {
  account: null,
  challenge: null,
  dns: null,
  http: null,
  ordered: {},
  renewals: {},
  replaced: {},
};

/** When renewal of a certificate valid from notBefore to notAfter starts. */
export function renewalStart(notBefore: Date, notAfter: Date, renewDays?: number): Date {
  const lifetime = notAfter.getTime() - notBefore.getTime();
  const before = renewDays !== undefined ? renewDays * DAY_MS : Math.min(lifetime * RENEW_LIFETIME_FRACTION, DEFAULT_RENEW_DAYS * DAY_MS);
  return new Date(notAfter.getTime() - before);
}

/** Backoff after `failures` failed renewals: 1 h, 2 h, 4 h … capped at a day. */
export function renewalBackoffMs(failures: number): number {
  return Math.min(60 * 60 * 1000 * 2 ** Math.max(0, failures - 1), DAY_MS);
}

export const acmeSteps = [
  'account',
  'order',
  'publish',
  'visible',
  'validate',
  'cleanup',
  'finalize',
  'import',
  'assign',
  'reload',
  'dane',
] as const;
export type AcmeStep = (typeof acmeSteps)[number];

/** One step of an order, for one name (or for the whole order when name is null). */
export const acmeProgressSchema = z.object({
  name: z.string().nullable(),
  step: z.enum(acmeSteps),
  state: z.enum(['running', 'done', 'failed']),
  error: acmeProblemSchema.optional(),
  /** The equivalent command for the log, when there is one. */
  command: z.string().optional(),
});
export type AcmeProgress = z.infer<typeof acmeProgressSchema>;

export const acmeStatusSchema = z.object({
  account: z
    .object({
      directory: z.string(),
      email: z.string().nullable(),
      caFile: z.string().nullable(),
      accountUrl: z.string().nullable(),
      renewDays: z.number().nullable(),
    })
    .nullable(),
  challenge: z.enum(['dns-01', 'http-01']).nullable(),
  dns: acmeDnsSchema.nullable(),
  http: acmeHttpSchema.nullable(),
  /** Whether an immediate request can be sent now (account and a challenge configured). */
  ready: z.boolean(),
  renewals: z.array(
    z.object({
      id: z.string(),
      friendlyName: z.string(),
      notAfter: z.string(),
      renewAt: z.string(),
      failures: z.number(),
      nextAttempt: z.string().nullable(),
      lastError: acmeProblemSchema.nullable(),
      replacedBy: z.string().nullable(),
    }),
  ),
  /** A DANE key rollover waiting for the next key's TLSA record (null: none). */
  rollover: rolloverStatusSchema.nullable(),
});
export type AcmeStatus = z.infer<typeof acmeStatusSchema>;

export const orderResultSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  notAfter: z.string(),
  sans: z.array(z.string()),
  assigned: z.boolean(),
  reloaded: z.boolean(),
  seconds: z.number(),
  commands: z.array(z.string()),
  /** When TLSA records are published, a renewal of the assigned certificate rolls over instead of assigning at once. */
  rollover: rolloverStepSchema.nullable().optional(),
});
export type OrderResult = z.infer<typeof orderResultSchema>;
