import { z } from 'zod';
import { filePath, noArgs } from '../rpc/schemas';
import {
  assignResultSchema,
  certificateEntrySchema,
  certificateViewSchema,
  exportArgsSchema,
  exportResultSchema,
  importArgsSchema,
  importResultSchema,
  removeResultSchema,
  storedCertificateSchema,
} from './installed';
import { certificateProfileSchema } from './profile';
import {
  lintResultSchema,
  requestDraftInputSchema,
  requestDraftSchema,
  requestProgressSchema,
  requestResultSchema,
  savePathCheckSchema,
  storedRequestSchema,
} from './requests';
import { defineRpcFeature, storeSlice } from '../rpc/feature';

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
  /** Pending requests, issued and assigned certificates, oldest first. */
  'certificates.list': { args: noArgs, result: z.array(certificateEntrySchema) },
  /**
   * Imports a certificate file (PEM or DER .cer/.crt/.pem, .p7b, .pfx/.p12) given by path or
   * as base64 content; matches it to its pending request by public key. The password is
   * only ever an argument: no result or log carries it.
   */
  'certificates.import': { args: importArgsSchema, result: importResultSchema },
  'certificates.view': { args: z.object({ id: z.string().min(1).max(100) }).strict(), result: certificateViewSchema },
  /** Makes the external edge certificate the gateway's TLS certificate (gateway/tls/gateway.crt and .key). */
  'certificates.assign': { args: z.object({ id: z.string().min(1).max(100) }).strict(), result: assignResultSchema },
  /** Removes a request or certificate; its encrypted key is deleted only with deleteKey. */
  'certificates.remove': {
    args: z.object({ id: z.string().min(1).max(100), deleteKey: z.boolean().optional() }).strict(),
    result: removeResultSchema,
  },
  /** Writes a PFX (AES-256 by default, `legacy` 3DES/SHA-1) when the key was marked exportable. */
  'certificates.export': { args: exportArgsSchema, result: exportResultSchema },
  'certificates.draft.get': { args: noArgs, result: requestDraftSchema.nullable() },
  /** null clears the draft (Finish or Cancel). */
  'certificates.draft.set': {
    args: z.object({ draft: requestDraftInputSchema.nullable() }).strict(),
    result: requestDraftSchema.nullable(),
  },
  /** Whether a file can be written there; `exists` with reason path.exists means: ask before replacing. */
  'files.checkSavePath': { args: z.object({ path: filePath, overwrite: z.boolean().optional() }).strict(), result: savePathCheckSchema },
} as const;

const certificateEvents = {
  'certificates.progress': requestProgressSchema,
  'certificates.changed': z.array(certificateEntrySchema),
} as const;

/** Requests, the certificates issued for them, and what the gateway is assigned. */
export const certificatesFeature = defineRpcFeature({
  id: 'certificates',
  methods: certificateMethods,
  events: certificateEvents,
  store: {
    /** Pending requests and issued certificates (their keys live encrypted under keys/, never here). */
    certificates: storeSlice(z.array(z.union([storedRequestSchema, storedCertificateSchema])), []),
    /** The request wizard's unsaved answers and page, so they survive a restart. */
    requestDraft: storeSlice(requestDraftSchema.nullable(), null),
  },
  migrations: {
    '1.1.0': (store) => {
      // Certificate requests and the request draft arrived with the certificate wizard.
      if (store.get('certificates') === undefined) store.set('certificates', []);
      if (store.get('requestDraft') === undefined) store.set('requestDraft', null);
    },
    '1.2.0': (store) => {
      // Issued certificates join the pending requests in "certificates"; older entries are all pending and stay valid.
      if (!Array.isArray(store.get('certificates'))) store.set('certificates', []);
    },
  },
});
