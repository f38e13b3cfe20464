import { z } from 'zod';
import { filePath, noArgs } from '../rpc/schemas';
import { certificateProfileSchema } from './profile';
import {
  lintResultSchema,
  pendingRequestSchema,
  requestDraftInputSchema,
  requestDraftSchema,
  requestProgressSchema,
  requestResultSchema,
  savePathCheckSchema,
} from './requests';

export const certificateMethods = {
  /** Findings, SANs and subject for the answers (the summary page and the SAN preview). */
  'certificates.lint': { args: z.object({ profile: certificateProfileSchema }).strict(), result: lintResultSchema },
  /**
   * Generates the key, writes the CSR to `out` and keeps the pending request. Lint errors
   * refuse it unless `force`; an existing file is replaced only with `overwrite` (or `force`).
   */
  'certificates.request': {
    args: z
      .object({ profile: certificateProfileSchema, out: filePath, force: z.boolean().optional(), overwrite: z.boolean().optional() })
      .strict(),
    result: requestResultSchema,
  },
  'certificates.list': { args: noArgs, result: z.array(pendingRequestSchema) },
  'certificates.draft.get': { args: noArgs, result: requestDraftSchema.nullable() },
  /** null clears the draft (Finish or Cancel). */
  'certificates.draft.set': { args: z.object({ draft: requestDraftInputSchema.nullable() }).strict(), result: requestDraftSchema.nullable() },
  /** Whether a file can be written there; `exists` with reason path.exists means: ask before replacing. */
  'files.checkSavePath': { args: z.object({ path: filePath, overwrite: z.boolean().optional() }).strict(), result: savePathCheckSchema },
} as const;

export const certificateEvents = {
  'certificates.progress': requestProgressSchema,
  'certificates.changed': z.array(pendingRequestSchema),
} as const;
