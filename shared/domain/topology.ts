import { z } from 'zod';
import { normalizeDnsName } from './dns-name';

/** Longer input is refused before any work is done on it (a DNS name has at most 253 characters as an A-label). */
const MAX_NAME_INPUT = 1024;
/** The most SIP or XMPP domains one topology lists. */
const MAX_TOPOLOGY_DOMAINS = 500;
const tooLong = { message: `Enter at most ${MAX_NAME_INPUT} characters.` };

/** A DNS name field: accepts Unicode or ASCII, yields the A-label form. */
export const dnsName = z
  .string()
  .max(MAX_NAME_INPUT, tooLong)
  .transform((value, ctx) => {
    const result = normalizeDnsName(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message, params: { reason: result.reason } });
      return z.NEVER;
    }
    return result.ascii;
  });

/** Optional DNS name: empty or missing means "not used". */
const optionalDnsName = z
  .string()
  .max(MAX_NAME_INPUT, tooLong)
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return undefined;
    const result = normalizeDnsName(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message, params: { reason: result.reason } });
      return z.NEVER;
    }
    return result.ascii;
  });

function uniqueNames(list: string[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  list.forEach((name, index) => {
    if (seen.has(name)) {
      ctx.addIssue({
        code: 'custom',
        path: [index],
        message: 'This domain is listed twice.',
        params: { reason: 'topology.duplicate' },
      });
    }
    seen.add(name);
  });
}

const poolSizeMessage = 'Enter a whole number from 1 to 1000.';

const tooMany = { message: `Enter at most ${MAX_TOPOLOGY_DOMAINS} domains.` };

// Strict: a misspelt key ("xmppDomain") is refused, not silently dropped with what it held.
export const topologyInputSchema = z
  .strictObject({
    sipDomains: z
      .array(dnsName)
      .max(MAX_TOPOLOGY_DOMAINS, tooMany)
      .superRefine((list, ctx) => {
        if (list.length === 0) {
          ctx.addIssue({ code: 'custom', message: 'Enter at least one SIP domain.', params: { reason: 'topology.sip-required' } });
        }
        uniqueNames(list, ctx);
      }),
    accessEdgeFqdn: dnsName,
    webConferencingEdgeFqdn: optionalDnsName,
    audioVideoEdgeFqdn: optionalDnsName,
    internalEdgeFqdn: dnsName,
    xmppDomains: z.array(dnsName).max(MAX_TOPOLOGY_DOMAINS, tooMany).default([]).superRefine(uniqueNames),
    edgePoolSize: z
      .number({ message: poolSizeMessage })
      .superRefine((size, ctx) => {
        if (!Number.isInteger(size) || size < 1 || size > 1000) {
          ctx.addIssue({ code: 'custom', message: poolSizeMessage, params: { reason: 'topology.pool-size' } });
        }
      })
      .default(1),
  })
  .superRefine((topology, ctx) => {
    if (topology.internalEdgeFqdn === topology.accessEdgeFqdn) {
      ctx.addIssue({
        code: 'custom',
        path: ['internalEdgeFqdn'],
        message: 'The internal edge must have its own name, different from the access edge.',
        params: { reason: 'topology.internal-equals-external' },
      });
    }
  });

/** What callers send: Unicode or ASCII names, optional fields may be absent. */
export type TopologyInput = z.input<typeof topologyInputSchema>;

/** Input after validation: names as A-labels, defaults filled. */
export type NormalizedTopology = z.output<typeof topologyInputSchema>;

/** The stored shape, already normalized (used to validate store contents and RPC results). */
export const topologySchema = z.object({
  sipDomains: z.array(z.string()).min(1),
  accessEdgeFqdn: z.string(),
  webConferencingEdgeFqdn: z.string().optional(),
  audioVideoEdgeFqdn: z.string().optional(),
  internalEdgeFqdn: z.string(),
  xmppDomains: z.array(z.string()),
  edgePoolSize: z.number().int().min(1),
});

/** What is stored and returned. */
export type Topology = z.infer<typeof topologySchema>;
