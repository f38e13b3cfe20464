import { z } from 'zod';

/** One open server-to-server stream of the running gateway, as mod_edgewiz_partners reports it. */
export const gatewaySessionSchema = z.object({
  direction: z.enum(['incoming', 'outgoing']),
  localDomain: z.string().nullable(),
  remoteDomain: z.string().nullable(),
  /** When the stream was created (ISO time). */
  since: z.string().nullable(),
  /** How the remote domain authenticated ("EXTERNAL" = SASL EXTERNAL by certificate), null = not yet. */
  authenticated: z.enum(['EXTERNAL', 'dialback']).nullable(),
  tls: z
    .object({
      protocol: z.string().nullable(),
      cipher: z.string().nullable(),
      peerCertificate: z
        .object({
          names: z.array(z.string()),
          notBefore: z.string(),
          notAfter: z.string(),
          chain: z.string().nullable(),
          identity: z.string().nullable(),
        })
        .nullable(),
    })
    .nullable(),
  partner: z.object({ domain: z.string(), tls: z.string(), sasl: z.string(), dialback: z.boolean() }).nullable(),
  meetsPolicy: z.boolean(),
  stanzasIn: z.number().int().min(0),
  stanzasOut: z.number().int().min(0),
});
export type GatewaySession = z.infer<typeof gatewaySessionSchema>;

export const gatewaySessionsSchema = z.object({ sessions: z.array(gatewaySessionSchema) });
export const gatewayDisconnectSchema = z.object({ domain: z.string(), closed: z.number().int().min(0) });
