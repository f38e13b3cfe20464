import { z } from 'zod';
import { dnsName, topologyInputSchema, topologySchema } from '../domain/topology';

/**
 * The answers of a certificate request (the profile file `edgewiz request` reads): the topology
 * it is built from and the request pages' answers. The schema checks shape and what cannot be put
 * into a CSR at all; whether the answers make a certificate a CA will issue is the lint's job (lint.ts), so
 * a forced request can still carry a finding the admin chose to accept.
 */

export const certificateUsages = ['externalEdge', 'edgeInternal'] as const;
export type CertificateUsage = (typeof certificateUsages)[number];

export const keySizes = [1024, 2048, 3072, 4096] as const;
export type KeySize = (typeof keySizes)[number];
export const DEFAULT_KEY_SIZE: KeySize = 2048;
/** A key size as stored (already validated). */
export const keySizeSchema = z.union([z.literal(1024), z.literal(2048), z.literal(3072), z.literal(4096)]);

/** Shown on the template page when the checkbox is ticked. */
export const DEFAULT_TEMPLATE_NAME = 'WebServer';

/** Default file names under the user's Documents folder (wizard page 3). */
export const defaultRequestFileNames: Record<CertificateUsage, string> = {
  externalEdge: 'cert_external_edge.req',
  edgeInternal: 'cert_internal_edge.req',
};

/** Generous caps against abuse; the real limits (64 / 128 characters) are lint findings. */
const MAX_TEXT = 1024;
const MAX_ADDITIONAL_SANS = 200;
export const MAX_FRIENDLY_NAME = 256;
const MAX_TEMPLATE_NAME = 256;

// Line breaks and other controls would break the CSR subject and the logged command lines.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, reason: string, message: string, path?: (string | number)[], values?: Record<string, string | number>): void {
  ctx.addIssue({ code: 'custom', message, params: { reason, ...(values ? { values } : {}) }, ...(path ? { path } : {}) });
}

function checkText(value: string, ctx: Ctx, max: number): void {
  if (CONTROL.test(value)) issue(ctx, 'certificate.control-character', 'Remove line breaks and control characters.');
  if (value.length > max) issue(ctx, 'certificate.too-long', `Enter at most ${max} characters.`, undefined, { max });
}

/** A subject field: trimmed, may be empty (then it is left out of the subject). */
const subjectText = z
  .string({ message: 'Enter text.' })
  .transform((value) => value.trim())
  .superRefine((value, ctx) => checkText(value, ctx, MAX_TEXT))
  .default('');

const friendlyName = z
  .string({ message: 'Enter a friendly name.' })
  .transform((value) => value.trim())
  .superRefine((value, ctx) => {
    if (value === '')
      issue(ctx, 'certificate.friendly-name-required', 'Enter a friendly name, so the certificate can be told apart in the store.');
    checkText(value, ctx, MAX_FRIENDLY_NAME);
  });

const country = z
  .string({ message: 'Choose a country or region.' })
  .transform((value) => value.trim().toUpperCase())
  .superRefine((value, ctx) => checkText(value, ctx, MAX_TEXT))
  .default('');

const templateName = z
  .string({ message: 'Enter a certificate template name.' })
  .transform((value) => value.trim())
  .superRefine((value, ctx) => {
    if (value === '') {
      issue(ctx, 'certificate.template-required', 'Enter the certificate template name, or untick "Use alternate certificate template".');
    }
    checkText(value, ctx, MAX_TEMPLATE_NAME);
    // The name travels as a BMPString: characters outside the Basic Multilingual Plane cannot.
    if (/[\ud800-\udfff]/.test(value))
      issue(
        ctx,
        'certificate.template-characters',
        'A template name cannot contain emoji or other characters outside the Basic Multilingual Plane.',
      );
  })
  .optional();

const keySize = z
  .number({ message: 'Choose a key size of 1024, 2048, 3072 or 4096 bits.' })
  .superRefine((value, ctx) => {
    if (!(keySizes as readonly number[]).includes(value)) {
      issue(ctx, 'certificate.key-size', 'Choose a key size of 1024, 2048, 3072 or 4096 bits.');
    }
  })
  .transform((value) => value as KeySize)
  .default(DEFAULT_KEY_SIZE);

/** Additional SANs are kept as typed (trimmed); their syntax is a lint finding (name-syntax). */
const additionalSan = z
  .string({ message: 'Enter a DNS name.' })
  .transform((value) => value.trim())
  .superRefine((value, ctx) => {
    if (value === '') issue(ctx, 'dns.required', 'Enter a domain name.');
    checkText(value, ctx, MAX_TEXT);
  });

export const certificateRequestAnswersSchema = z.strictObject({
  certificateType: z.enum(certificateUsages, { message: 'Choose External edge or Edge internal.' }),
  friendlyName,
  keySize,
  exportable: z.boolean({ message: 'Choose whether the private key is exportable.' }).default(true),
  template: templateName,
  clientEku: z.boolean({ message: 'Choose whether to request client authentication.' }).default(false),
  organization: subjectText,
  organizationalUnit: subjectText,
  country,
  state: subjectText,
  city: subjectText,
  sipDomainSans: z.array(dnsName).default([]),
  xmppSans: z.array(dnsName).optional(),
  additionalSans: z
    .array(additionalSan)
    .max(MAX_ADDITIONAL_SANS, { message: `Enter at most ${MAX_ADDITIONAL_SANS} additional names.` })
    .default([]),
});

/** Ticked SIP domains and kept XMPP domains must come from the topology the request is for. */
function checkAgainstTopology(list: string[] | undefined, known: string[], field: 'sipDomainSans' | 'xmppSans', ctx: Ctx): void {
  const reason = field === 'sipDomainSans' ? 'certificate.not-a-sip-domain' : 'certificate.not-an-xmpp-domain';
  const what = field === 'sipDomainSans' ? 'SIP domains' : 'XMPP domains';
  list?.forEach((name, index) => {
    if (!known.includes(name)) {
      issue(
        ctx,
        reason,
        `${name} is not one of the topology's ${what}. Add it to the topology first, or use an additional name.`,
        ['request', field, index],
        { name },
      );
    }
  });
}

export const certificateProfileSchema = z
  .strictObject({
    topology: topologyInputSchema,
    request: certificateRequestAnswersSchema,
  })
  .superRefine((profile, ctx) => {
    checkAgainstTopology(profile.request.sipDomainSans, profile.topology.sipDomains, 'sipDomainSans', ctx);
    checkAgainstTopology(profile.request.xmppSans, profile.topology.xmppDomains, 'xmppSans', ctx);
  });

/** A profile as people and files write it (Unicode names, defaults omitted). */
export type CertificateProfileInput = z.input<typeof certificateProfileSchema>;
/** A validated profile: names as A-labels, defaults filled, text trimmed. */
export type CertificateProfile = z.output<typeof certificateProfileSchema>;
export type CertificateRequestAnswers = CertificateProfile['request'];

/** The profile as kept with a pending request: already validated, so a plain shape. */
export const storedProfileSchema = z.object({
  topology: topologySchema,
  request: z.object({
    certificateType: z.enum(certificateUsages),
    friendlyName: z.string(),
    keySize: keySizeSchema,
    exportable: z.boolean(),
    template: z.string().optional(),
    clientEku: z.boolean(),
    organization: z.string(),
    organizationalUnit: z.string(),
    country: z.string(),
    state: z.string(),
    city: z.string(),
    sipDomainSans: z.array(z.string()),
    xmppSans: z.array(z.string()).optional(),
    additionalSans: z.array(z.string()),
  }),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

/** A validated profile → its stored form, without keys whose value is undefined (clean JSON). */
export function toStoredProfile(profile: CertificateProfile): StoredProfile {
  const topology = Object.fromEntries(Object.entries(profile.topology).filter(([, v]) => v !== undefined));
  const request = Object.fromEntries(Object.entries(profile.request).filter(([, v]) => v !== undefined));
  return storedProfileSchema.parse({ topology, request });
}
