import { z } from 'zod';

/**
 * A DANE key rollover (RFC 7671 §8.1, "current + next"): the next key's TLSA record is published
 * next to the current one, the gateway keeps serving the current key until resolvers have had two
 * TTLs to forget the old record set, then it switches and the old record is removed.
 */
export const rolloverSchema = z.object({
  /** The certificate the gateway switches to. */
  certificateId: z.string(),
  friendlyName: z.string(),
  /** SHA-256 of the SubjectPublicKeyInfo the gateway serves now, and of the next one. */
  currentSpki: z.string(),
  nextSpki: z.string(),
  /** The TLSA records' TTL (the DNS settings' TTL when the rollover started), in seconds. */
  ttl: z.number().int().positive(),
  stagedAt: z.string(),
  /** nsupdate: published through the dns-01 RFC 2136 settings; admin: printed for the admin to publish. */
  publishedBy: z.enum(['nsupdate', 'admin']),
  /** The DNS server asked whether both records are served; null: the system resolver. */
  server: z.string().nullable(),
  /** When both records were first seen together; the two TTLs count from here. */
  seenAt: z.string().nullable(),
  /** When the gateway may switch (seenAt + 2 TTLs); null until both records are seen. */
  switchAt: z.string().nullable(),
});
export type Rollover = z.infer<typeof rolloverSchema>;

/** The whole wait: two TTLs after both records are seen. */
export const switchTime = (seenAt: Date, ttlSeconds: number): Date => new Date(seenAt.getTime() + 2 * ttlSeconds * 1000);

/** Where a rollover stands, as the CLI, the tray and the UI show it. */
export const rolloverStatusSchema = z.object({
  certificateId: z.string(),
  friendlyName: z.string(),
  currentSpki: z.string(),
  nextSpki: z.string(),
  ttl: z.number(),
  publishedBy: z.enum(['nsupdate', 'admin']),
  server: z.string().nullable(),
  seenAt: z.string().nullable(),
  switchAt: z.string().nullable(),
  /** What it waits for, as a message code and its values (acme catalog). */
  waiting: z.object({ code: z.string(), params: z.record(z.string(), z.string()) }),
});
export type RolloverStatus = z.infer<typeof rolloverStatusSchema>;

/** What one step of the rollover did. */
export const rolloverStepSchema = z.object({
  /** staged: records published (or printed); waiting: not yet; switched: the gateway serves the next key now. */
  outcome: z.enum(['none', 'staged', 'waiting', 'switched']),
  rollover: rolloverStatusSchema.nullable(),
  /** An nsupdate script the admin runs (publish the next record, or remove the old one) when none was sent here. */
  script: z.string().nullable(),
  /** The gateway re-read the certificate in place (switched only). */
  reloaded: z.boolean(),
  /** The old record was removed through RFC 2136 (switched only). */
  oldRemoved: z.boolean(),
  /** Why the records were not sent through RFC 2136 (the admin publishes or removes them with `script`). */
  problem: z.object({ code: z.string(), params: z.record(z.string(), z.string()) }).nullable(),
});
export type RolloverStep = z.infer<typeof rolloverStepSchema>;
