import { z } from 'zod';
import { lintFindingSchema } from './lint';
import { subjectAttributeTypes } from './names';
import { certificateUsages, keySizeSchema, storedProfileSchema } from './profile';

/**
 * Shapes of pending requests, the wizard draft and the request's progress, shared by the
 * store, the RPC contract and the UI. None of them has room for a private key.
 */

/** What the certificate list shows about a request that waits for its certificate. */
export const pendingRequestSchema = z.object({
  id: z.string(),
  usage: z.enum(certificateUsages),
  state: z.literal('pending'),
  friendlyName: z.string(),
  /** RFC 4514 form, most specific first ("CN=…, O=…, C=…"). */
  subject: z.string(),
  /** dNSNames as A-labels, in the CSR's order. */
  sans: z.array(z.string()),
  createdAt: z.string(),
  out: z.string(),
  exportable: z.boolean(),
  keySize: keySizeSchema,
  clientEku: z.boolean(),
  template: z.string().optional(),
  /** SHA-256 of the SubjectPublicKeyInfo DER, lower-case hex: how the issued certificate is matched. */
  publicKeySha256: z.string().regex(/^[0-9a-f]{64}$/),
  csrPem: z.string(),
});

/** A pending request as stored: the list's fields plus the answers and where its key is kept. */
export const storedRequestSchema = pendingRequestSchema.extend({
  profile: storedProfileSchema,
  /** File name under <dataDir>/keys/ of the encrypted private key (never the key itself). */
  keyFile: z.string().regex(/^[A-Za-z0-9-]+\.key\.enc$/),
});
export type StoredRequest = z.infer<typeof storedRequestSchema>;

/** The wizard's unsaved answers: anything JSON while the admin types, bounded in size. */
export const MAX_DRAFT_CHARS = 64 * 1024;
const MAX_DRAFT_PAGE = 50;

export const requestDraftInputSchema = z
  .object({
    page: z.number().int().min(0).max(MAX_DRAFT_PAGE),
    answers: z.record(z.string(), z.json()),
  })
  .strict()
  .superRefine((draft, ctx) => {
    if (JSON.stringify(draft.answers).length > MAX_DRAFT_CHARS) {
      ctx.addIssue({
        code: 'custom',
        path: ['answers'],
        message: `The saved answers are too large (more than ${MAX_DRAFT_CHARS} characters).`,
        params: { reason: 'certificate.draft-too-large', values: { max: MAX_DRAFT_CHARS } },
      });
    }
  });
export type RequestDraftInput = z.infer<typeof requestDraftInputSchema>;

export const requestDraftSchema = z.object({
  page: z.number().int().min(0),
  answers: z.record(z.string(), z.json()),
  updatedAt: z.string(),
});
export type RequestDraft = z.infer<typeof requestDraftSchema>;

export const requestStages = ['validating', 'generating-key', 'building-request', 'signing', 'writing', 'done'] as const;
export type RequestStage = (typeof requestStages)[number];

export const requestProgressSchema = z.object({
  stage: z.enum(requestStages),
  percent: z.number().min(0).max(100),
});
export type RequestProgress = z.infer<typeof requestProgressSchema>;

const subjectAttributeSchema = z.object({ type: z.enum(subjectAttributeTypes), value: z.string() });

export const lintResultSchema = z.object({
  findings: z.array(lintFindingSchema),
  sans: z.array(z.string()),
  subject: z.string(),
  subjectAttributes: z.array(subjectAttributeSchema),
});
export type LintResult = z.infer<typeof lintResultSchema>;

export const requestCommandsSchema = z.object({ edgewiz: z.string(), powershell: z.string() });

export const requestResultSchema = z.object({
  id: z.string(),
  out: z.string(),
  findings: z.array(lintFindingSchema),
  csrPem: z.string(),
  commands: requestCommandsSchema,
  subject: z.string(),
  sans: z.array(z.string()),
  publicKeySha256: z.string(),
});
export type RequestResult = z.infer<typeof requestResultSchema>;

export const savePathCheckSchema = z.object({
  ok: z.boolean(),
  exists: z.boolean(),
  /** Why not ok, as a translation key: path.exists (ask before overwriting), path.folder-missing, … */
  reason: z.string().optional(),
  /** The path, its folder and file name, for the translated sentence. */
  params: z.record(z.string(), z.string()).optional(),
  message: z.string().optional(),
});
export type SavePathCheck = z.infer<typeof savePathCheckSchema>;
