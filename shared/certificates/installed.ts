import { z } from 'zod';
import { quotePosix, quotePowerShell, type CommandShell } from './commands';
import { lintFindingSchema } from './lint';
import { certificateUsages, type CertificateUsage } from './profile';
import { pendingRequestSchema, requestCommandsSchema, type StoredRequest } from './requests';

/**
 * Issued certificates (imported, perhaps assigned to the gateway) and what the import, view,
 * assign, remove and export calls exchange. No schema here has room for a private key.
 */

export const installedStates = ['issued', 'assigned'] as const;
export type InstalledState = (typeof installedStates)[number];
export type CertificateState = 'pending' | InstalledState;

const upperHex = (length: number) => z.string().regex(new RegExp(`^[0-9A-F]{${length}}$`));

/** One certificate of the chain above the leaf (intermediates, then the root when the file had it). */
export const chainCertificateSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  serial: z.string(),
  sha1: upperHex(40),
  selfSigned: z.boolean(),
});
export type ChainCertificate = z.infer<typeof chainCertificateSchema>;

export const installedCertificateSchema = z.object({
  id: z.string(),
  usage: z.enum(certificateUsages),
  state: z.enum(installedStates),
  friendlyName: z.string(),
  /** RFC 4514 form, most specific first. */
  subject: z.string(),
  /** dNSNames as A-labels, in the certificate's order. */
  sans: z.array(z.string()),
  issuer: z.string(),
  /** Upper-case hex, as Windows shows it. */
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** The thumbprint as Windows shows it: SHA-1 of the DER, upper-case hex, no separators. */
  sha1: upperHex(40),
  /** SHA-256 of the DER, upper-case hex, no separators. */
  sha256: upperHex(64),
  keySize: z.number().int(),
  clientAuth: z.boolean(),
  publicKeySha256: z.string().regex(/^[0-9a-f]{64}$/),
  exportable: z.boolean(),
  importedAt: z.string(),
  /** The file it was imported from (its name, or the full path from the CLI). */
  source: z.string(),
  /** Whether it was imported for a pending request of this app (else with its key from a PFX). */
  fromRequest: z.boolean(),
  chain: z.array(chainCertificateSchema),
});
export type InstalledCertificate = z.infer<typeof installedCertificateSchema>;

/** As stored: the list's fields plus the PEM text and where its key is kept (never the key). */
export const storedCertificateSchema = installedCertificateSchema.extend({
  certificatePem: z.string(),
  chainPem: z.array(z.string()),
  keyFile: z.string().regex(/^[A-Za-z0-9-]+\.key\.enc$/),
});
export type StoredCertificate = z.infer<typeof storedCertificateSchema>;

/** A row of the certificate list: a pending request, or an issued or assigned certificate. */
export const certificateEntrySchema = z.union([pendingRequestSchema, installedCertificateSchema]);
export type CertificateEntry = z.infer<typeof certificateEntrySchema>;

/** The list the certificates page and `edgewiz certificates list` show: the list schemas have no room for the PEM text, the answers or the key file, so parsing drops them. */
export function certificateEntries(stored: readonly (StoredRequest | StoredCertificate)[]): CertificateEntry[] {
  return stored.map((entry) => certificateEntrySchema.parse(entry));
}

export function isInstalled(entry: CertificateEntry): entry is InstalledCertificate {
  return entry.state !== 'pending';
}

/** The browser hands over file content, not a path: bounded so a wrong pick cannot flood the core. */
export const MAX_IMPORT_BYTES = 1024 * 1024;
const MAX_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;
export const MAX_PASSWORD_CHARS = 1024;

const password = z.string().max(MAX_PASSWORD_CHARS, { message: `Enter at most ${MAX_PASSWORD_CHARS} characters.` });

export const importArgsSchema = z
  .object({
    /** A path on the machine the core runs on (CLI). */
    file: z.string().min(1).max(4096).optional(),
    /** The file's bytes, base64 (the UI's file picker). */
    content: z
      .string()
      .max(MAX_BASE64, {
        message: `The file is larger than ${MAX_IMPORT_BYTES / 1024} KB; a certificate file is much smaller. Choose the certificate file.`,
      })
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'The file content is not base64.' })
      .optional(),
    /** The picked file's name, for messages and the format hint. */
    name: z.string().min(1).max(255).optional(),
    password: password.optional(),
    /** For a key that arrives in a PFX: may it be exported again (Windows' "Mark this key as exportable")? */
    exportable: z.boolean().optional(),
  })
  .strict()
  .superRefine((args, ctx) => {
    if ((args.file === undefined) === (args.content === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['file'],
        message: 'Give either the path of the file or its content.',
        params: { reason: 'import.file-or-content' },
      });
    }
    if (args.content !== undefined && args.name === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'Give the name of the file whose content is sent.',
        params: { reason: 'import.name-required' },
      });
    }
  });
export type ImportArgs = z.infer<typeof importArgsSchema>;

export const operationCommandsSchema = requestCommandsSchema;
export type OperationCommands = z.infer<typeof operationCommandsSchema>;

export const importResultSchema = z.object({
  id: z.string(),
  state: z.enum(installedStates),
  sha1: z.string(),
  sha256: z.string(),
  findings: z.array(lintFindingSchema),
  certificate: installedCertificateSchema,
  commands: operationCommandsSchema,
  /** The chain ends at a root in the file that neither the system nor the admin trusts (public: offered to trust). */
  untrustedRoot: z.object({ sha256: z.string(), subject: z.string(), pem: z.string() }).nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const gatewayTlsFilesSchema = z.object({ certificate: z.string(), key: z.string() });

export const certificateViewSchema = z.object({
  entry: certificateEntrySchema,
  /** The certificate lint against today's topology and clock (empty for a pending request). */
  findings: z.array(lintFindingSchema),
  /** Whole days until notAfter (negative once expired); null for a pending request. */
  daysLeft: z.number().int().nullable(),
  /** The files the gateway reads, when this certificate is assigned. */
  gatewayFiles: gatewayTlsFilesSchema.nullable(),
  /** Public PEM text: the CSR of a pending request, else the certificate followed by its chain. */
  pem: z.string(),
});
export type CertificateView = z.infer<typeof certificateViewSchema>;

export const assignResultSchema = z.object({
  certificate: installedCertificateSchema,
  files: gatewayTlsFilesSchema,
  commands: operationCommandsSchema,
});
export type AssignResult = z.infer<typeof assignResultSchema>;

export const removeResultSchema = z.object({
  id: z.string(),
  keyDeleted: z.boolean(),
  gatewayFilesRemoved: z.boolean(),
  commands: operationCommandsSchema,
});
export type RemoveResult = z.infer<typeof removeResultSchema>;

export const pfxProfiles = ['aes256', 'legacy'] as const;
export type PfxProfile = (typeof pfxProfiles)[number];

export const exportArgsSchema = z
  .object({
    id: z.string().min(1).max(100),
    out: z.string({ message: 'Enter the full path of the file.' }).min(1, { message: 'Enter the full path of the file.' }).max(4096),
    password: password.min(1, { message: 'Enter a password to protect the PFX file.' }),
    /** 3DES and a SHA-1 MAC, which Windows Server 2012 R2 and 2016 can import. */
    legacy: z.boolean().optional(),
    overwrite: z.boolean().optional(),
  })
  .strict();

export const exportResultSchema = z.object({ out: z.string(), profile: z.enum(pfxProfiles), commands: operationCommandsSchema });
export type ExportResult = z.infer<typeof exportResultSchema>;

/** Whole days from `now` to `notAfter`, rounded down (negative once expired). */
export function daysUntil(notAfter: string, now: Date = new Date()): number {
  return Math.floor((new Date(notAfter).getTime() - now.getTime()) / 86_400_000);
}

const lyncType: Record<CertificateUsage, string> = { externalEdge: 'AccessEdgeExternal,XmppServer', edgeInternal: 'Internal' };

export function importCommands(source: string, exportable: boolean, shell: CommandShell = 'posix', password = false): OperationCommands {
  const quote = shell === 'powershell' ? quotePowerShell : quotePosix;
  const edgewiz = ['edgewiz', 'import', '--file', quote(source)];
  if (password) edgewiz.push('--password-file', quote('password.txt'));
  const powershell = ['Import-CsCertificate', '-Path', quotePowerShell(source), '-PrivateKeyExportable', exportable ? '$True' : '$False'];
  if (password) powershell.push('-Password', '(Read-Host -AsSecureString)');
  return { edgewiz: edgewiz.join(' '), powershell: powershell.join(' ') };
}

export function assignCommands(id: string, usage: CertificateUsage, sha1: string): OperationCommands {
  return {
    edgewiz: `edgewiz certificates assign --id ${id}`,
    powershell: `Set-CsCertificate -Type ${lyncType[usage]} -Thumbprint ${sha1}`,
  };
}

export function removeCommands(id: string, entry: { sha1?: string; subject: string }, deleteKey: boolean): OperationCommands {
  const powershell = entry.sha1
    ? `Remove-Item -Path Cert:\\LocalMachine\\My\\${entry.sha1}${deleteKey ? ' -DeleteKey' : ''}`
    : `Get-ChildItem Cert:\\LocalMachine\\REQUEST | Where-Object Subject -eq ${quotePowerShell(entry.subject)} | Remove-Item${deleteKey ? ' -DeleteKey' : ''}`;
  return { edgewiz: `edgewiz certificates remove --id ${id}${deleteKey ? ' --delete-key' : ''}`, powershell };
}

export function exportCommands(id: string, sha1: string, out: string, legacy: boolean, shell: CommandShell = 'posix'): OperationCommands {
  const quote = shell === 'powershell' ? quotePowerShell : quotePosix;
  return {
    edgewiz: `edgewiz certificates export --id ${id} --out ${quote(out)} --password-file ${quote('password.txt')}${legacy ? ' --legacy' : ''}`,
    powershell: `Export-PfxCertificate -Cert Cert:\\LocalMachine\\My\\${sha1} -FilePath ${quotePowerShell(out)} -Password (Read-Host -AsSecureString) -CryptoAlgorithmOption ${legacy ? 'TripleDES_SHA1' : 'AES256_SHA256'}`,
  };
}
