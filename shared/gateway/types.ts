import { z } from 'zod';

/** The kinds of gateway Edge Wizard can manage. */
export const gatewayDrivers = ['prosody', 'systemd', 'lync'] as const;
export type GatewayDriverKind = (typeof gatewayDrivers)[number];

export const gatewayStates = ['not-installed', 'stopped', 'starting', 'running', 'stopping', 'crashed'] as const;
export type GatewayState = z.infer<typeof gatewayStateSchema>;
const gatewayStateSchema = z.enum(gatewayStates);

/** The values of a coded message (see CodedMessage in the RPC protocol). */
const messageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

const portMessage = 'Enter a port number from 1 to 65535.';
export const portNumber = z
  .number({ message: portMessage })
  .int({ message: portMessage })
  .min(1, { message: portMessage })
  .max(65535, { message: portMessage });

/** systemd unit names: no leading dash (never an option), no spaces or shell characters. */
const systemdUnitName = z
  .string()
  .regex(/^[A-Za-z0-9@_:.\\][A-Za-z0-9@_:.\\-]{0,254}$/, { message: 'Enter a systemd unit name such as prosody.service.' });

/** Windows service names as Lync shows them (e.g. RTCXMPPTGWPX). */
const windowsServiceName = z
  .string()
  .regex(/^[A-Za-z0-9_.][A-Za-z0-9_. -]{0,255}$/, { message: 'Enter a Windows service name such as RTCXMPPTGWPX.' });

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** A literal IPv4 or IPv6 address (no zone), checked the way a socket would parse it. */
export function isIpAddress(text: string): boolean {
  if (ipv4.test(text)) return true;
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...tail];
  // An IPv4 tail (::ffff:192.0.2.1) counts as two groups.
  const last = all[all.length - 1] ?? '';
  const v4Tail = last.includes('.');
  if (v4Tail && !ipv4.test(last)) return false;
  const hexGroups = v4Tail ? all.slice(0, -1) : all;
  if (!hexGroups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  const count = hexGroups.length + (v4Tail ? 2 : 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** Where the embedded gateway listens: "*" for every interface, or IP addresses. */
export const listenAddress = z
  .string()
  .refine((value) => value === '*' || isIpAddress(value), { message: 'Enter * (every interface) or an IP address.' });

export const gatewaySettingsSchema = z.object({
  driver: z.enum(gatewayDrivers),
  /** Server-to-server port (5269 by default, what the SRV record names). */
  s2sPort: portNumber,
  /** XEP-0368 direct TLS port (5270 by convention); null = off. */
  directTlsPort: portNumber.nullable(),
  systemdUnit: systemdUnitName,
  windowsService: windowsServiceName,
  /** Addresses the embedded gateway listens on. */
  interfaces: z.array(listenAddress).min(1, { message: 'Listen on at least one address.' }),
});
export type GatewaySettings = z.infer<typeof gatewaySettingsSchema>;

export const defaultGatewaySettings: GatewaySettings = {
  driver: 'prosody',
  s2sPort: 5269,
  directTlsPort: null,
  systemdUnit: 'prosody.service',
  windowsService: 'RTCXMPPTGWPX',
  interfaces: ['*'],
};

const servedCertificateSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  sans: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
  /** SHA-256 of the DER certificate, colon-separated upper-case hex (as OpenSSL prints it). */
  fingerprint256: z.string(),
  /** SHA-256 of its SubjectPublicKeyInfo, lower-case hex (what a TLSA 3 1 1 record holds). */
  spkiSha256: z.string().optional(),
});
export type ServedCertificate = z.infer<typeof servedCertificateSchema>;

const streamFeaturesSchema = z.object({
  starttls: z.boolean(),
  starttlsRequired: z.boolean(),
  dialback: z.boolean(),
  saslMechanisms: z.array(z.string()),
  /** Every feature element by name, e.g. ["starttls", "dialback"]. */
  names: z.array(z.string()),
});
export type StreamFeatures = z.infer<typeof streamFeaturesSchema>;

/** One health probe of an XMPP server port (the s2s stream, optionally STARTTLS). */
const probeResultSchema = z.object({
  ok: z.boolean(),
  at: z.string(),
  host: z.string(),
  port: z.number(),
  domain: z.string(),
  durationMs: z.number(),
  streamId: z.string().optional(),
  /** The stream features before TLS; null when none were read. */
  features: streamFeaturesSchema.nullable(),
  tls: z
    .object({
      protocol: z.string(),
      cipher: z.string(),
      certificate: servedCertificateSchema.nullable(),
      /** The features offered again on the encrypted stream (SASL EXTERNAL shows up here). */
      features: streamFeaturesSchema.nullable(),
    })
    .optional(),
  /** A stream error the server sent, e.g. host-unknown. */
  streamError: z.string().optional(),
  /** The server refused the anonymous probe by policy after TLS: expected of a partner-only gateway, still healthy. */
  policyRefusal: z.string().optional(),
  error: z.string().optional(),
  /** The error as a code and values, so the UI says it in the admin's language. */
  reason: z.string().optional(),
  params: messageParamsSchema.optional(),
  /** Nothing listens on the port (the connection was refused), so the UI can say it in its own words. */
  refused: z.boolean().optional(),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;

const gatewayTlsSchema = z.object({
  /** Both gateway.crt and gateway.key are present: every VirtualHost serves the certificate. */
  configured: z.boolean(),
  certificate: servedCertificateSchema.nullable(),
  message: z.string(),
  reason: z.string(),
  params: messageParamsSchema.optional(),
});
export type GatewayTls = z.infer<typeof gatewayTlsSchema>;

export const gatewayStatusSchema = z.object({
  driver: z.enum(gatewayDrivers),
  state: gatewayStateSchema,
  pid: z.number().int().nullable(),
  port: z.number().int(),
  /** When the current state began (ISO); null when unknown. */
  since: z.string().nullable(),
  probe: probeResultSchema.nullable(),
  tls: gatewayTlsSchema,
  /** Why the state is what it is: the crash, the install guidance, the last failure. */
  message: z.string().optional(),
  /** The message as a code and values, when the UI can say it in the admin's language. */
  reason: z.string().optional(),
  params: messageParamsSchema.optional(),
  exitCode: z.number().int().nullable().optional(),
  signal: z.string().nullable().optional(),
  logTail: z.array(z.string()).optional(),
  /** An operation is queued or running. */
  busy: z.boolean(),
});
export type GatewayStatus = z.infer<typeof gatewayStatusSchema>;

export const gatewayLogSchema = z.object({ lines: z.array(z.string()) });

/** How a partner change reached the gateway: reread by the running embedded gateway, saved for its next start, left to an external gateway, or failed. */
export const partnersAppliedSchema = z.object({
  outcome: z.enum(['reloaded', 'saved', 'external', 'failed']),
  driver: z.enum(gatewayDrivers),
  message: z.string().optional(),
  reason: z.string().optional(),
  params: messageParamsSchema.optional(),
});
export type PartnersApplied = z.infer<typeof partnersAppliedSchema>;

/** ACME renewals as the tray names them: the next one due, the latest failure and a pending DANE rollover (texts in the admin's language). */
export interface TrayRenewal {
  next: { name: string; at: string } | null;
  failure: { name: string; message: string; nextAttempt: string | null } | null;
  /** What a pending DANE key rollover waits for, in the locale. */
  rollover?: string | null;
}
