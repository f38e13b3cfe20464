import { z } from 'zod';
import { noArgs } from '../rpc/schemas';
import { defineRpcFeature } from '../rpc/feature';

/** A private root the admin trusts: an anchor for import chains and for partners' certificates. */
const trustedRootSchema = z.object({
  /** SHA-256 fingerprint, AB:CD:… as openssl and Node print it. */
  sha256: z.string(),
  subject: z.string(),
  notAfter: z.string(),
});
export type TrustedRoot = z.infer<typeof trustedRootSchema>;

const rootList = z.array(trustedRootSchema);
/** A root certificate is a few KiB; a file with its chain stays well below this. */
export const MAX_TRUST_PEM = 256 * 1024;

export const trustMethods = {
  'trust.list': { args: noArgs, result: rootList },
  /** PEM text holding the root (or a chain that ends at it): its self-signed CA certificates are trusted. */
  'trust.add': { args: z.object({ pem: z.string().min(1).max(MAX_TRUST_PEM) }).strict(), result: rootList },
  'trust.remove': { args: z.object({ sha256: z.string().min(1).max(200) }).strict(), result: rootList },
} as const;

/** The admin's trusted private roots (kept as files in the data folder, not in the store). */
export const trustFeature = defineRpcFeature({ id: 'trust', methods: trustMethods, events: {} });
