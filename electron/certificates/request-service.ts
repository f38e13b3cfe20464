import { randomUUID } from 'node:crypto';
import { requestCommands, type CommandShell } from '../../shared/certificates/commands';
import { lintErrors, lintProfile } from '../../shared/certificates/lint';
import { buildSans, buildSubject, formatSubject } from '../../shared/certificates/names';
import { toStoredProfile, type CertificateProfile } from '../../shared/certificates/profile';
import type {
  LintResult,
  RequestDraft,
  RequestDraftInput,
  RequestProgress,
  RequestResult,
  RequestStage,
  StoredRequest,
} from '../../shared/certificates/requests';
import { LintRefusedError } from '../../shared/certificates/lint-refused';
import { RpcError } from '../../shared/rpc/protocol';
import { assertWritable, FileWriteError, isCertificateRequestFile, pathParams, writeFileAtomic } from '../files/atomic-write';
import type { AppStore } from '../store/app-store';
import type { KeyVault } from './key-vault';

export interface CreateRequestOptions {
  /** Go ahead despite lint errors (CLI --force). Also allows replacing the file unless `overwrite` says otherwise. */
  force?: boolean;
  /** Replace an existing file at the out path (the admin confirmed it). */
  overwrite?: boolean;
  onProgress?: (progress: RequestProgress) => void;
  /** The profile file the `edgewiz` command line in the log refers to. */
  profilePath?: string;
}

export interface RequestServiceOptions {
  store: AppStore;
  vault: KeyVault;
  /** Nothing may be written into it through a request's out path. */
  dataDir: string;
  /** When set, request files may only be written inside these folders. */
  saveRoots?: string[];
  shell?: CommandShell;
  now?: () => Date;
}

const stagePercent: Record<RequestStage, number> = {
  validating: 0,
  'generating-key': 10,
  'building-request': 80,
  signing: 85,
  writing: 90,
  done: 100,
};

/** The out path's problems, pointed at the "out" argument for the UI. */
function outIssue(error: FileWriteError): RpcError {
  return new RpcError('refused', error.message, [
    { path: ['out'], reason: error.reason, message: error.message, params: pathParams(error.path) },
  ]);
}

/** Certificate requests: lint, key, CSR, file, and the pending request in the store. */
export class CertificateRequestService {
  private readonly store: AppStore;
  private readonly vault: KeyVault;
  private readonly shell: CommandShell;
  private readonly now: () => Date;

  constructor(private readonly options: RequestServiceOptions) {
    this.store = options.store;
    this.vault = options.vault;
    this.shell = options.shell ?? (process.platform === 'win32' ? 'powershell' : 'posix');
    this.now = options.now ?? (() => new Date());
  }

  lint(profile: CertificateProfile): LintResult {
    const subjectAttributes = buildSubject(profile);
    return { findings: lintProfile(profile), sans: buildSans(profile), subject: formatSubject(subjectAttributes), subjectAttributes };
  }

  /** `out` null keeps the CSR in the store only (an immediate ACME order sends it straight to the CA). */
  async createRequest(profile: CertificateProfile, out: string | null, options: CreateRequestOptions = {}): Promise<RequestResult> {
    const report = (stage: RequestStage) => options.onProgress?.({ stage, percent: stagePercent[stage] });
    const overwrite = options.overwrite ?? options.force ?? false;

    report('validating');
    const findings = lintProfile(profile);
    if (lintErrors(findings).length > 0 && !options.force) throw new LintRefusedError(findings);
    try {
      if (out !== null)
        await assertWritable(out, {
          overwrite,
          protectedDir: this.options.dataDir,
          allowedRoots: this.options.saveRoots,
          replaceable: isCertificateRequestFile,
        });
    } catch (error) {
      throw error instanceof FileWriteError ? outIssue(error) : error;
    }

    const subjectAttributes = buildSubject(profile);
    const sans = buildSans(profile);
    const { request } = profile;
    // forge encodes the request: loaded when one is made, not with the service.
    const { createCsr } = await import('./csr');
    const csr = await createCsr(
      { keySize: request.keySize, subject: subjectAttributes, sans, clientEku: request.clientEku, template: request.template },
      report,
    );

    report('writing');
    // Key, store entry and file are one unit: the entry is stored before the file is written
    // (a request file on disk always has its pending request), and a failure takes back what was done.
    const id = randomUUID();
    const keyFile = await this.vault.save(id, csr.privateKey);
    const record: StoredRequest = {
      id,
      usage: request.certificateType,
      state: 'pending',
      friendlyName: request.friendlyName,
      subject: formatSubject(subjectAttributes),
      sans,
      createdAt: this.now().toISOString(),
      out: out ?? '',
      exportable: request.exportable,
      keySize: request.keySize,
      clientEku: request.clientEku,
      ...(request.template !== undefined ? { template: request.template } : {}),
      publicKeySha256: csr.publicKeySha256,
      csrPem: csr.csrPem,
      profile: toStoredProfile(profile),
      keyFile,
    };
    try {
      this.store.update((tx) => {
        const wizard = tx.get('wizard');
        if (!wizard.certificateTaskCompleted) tx.set('wizard', { ...wizard, certificateTaskCompleted: true });
        tx.set('certificates', [...tx.get('certificates'), record]);
      });
    } catch (error) {
      await this.vault.remove(keyFile).catch(() => {});
      throw error;
    }
    try {
      if (out !== null) await writeFileAtomic(out, csr.csrPem, { overwrite });
    } catch (error) {
      // A pending request without its file could not be submitted: take it all back.
      this.store.update((tx) =>
        tx.set(
          'certificates',
          tx.get('certificates').filter((entry) => entry.id !== id),
        ),
      );
      await this.vault.remove(keyFile).catch(() => {});
      throw error instanceof FileWriteError ? outIssue(error) : error;
    }
    report('done');

    return {
      id,
      out: record.out,
      findings,
      csrPem: csr.csrPem,
      commands: requestCommands(profile, {
        profilePath: options.profilePath ?? 'profile.json',
        out: record.out,
        force: options.force && lintErrors(findings).length > 0,
        shell: this.shell,
      }),
      subject: record.subject,
      sans,
      publicKeySha256: csr.publicKeySha256,
    };
  }

  getDraft(): RequestDraft | null {
    return this.store.get('requestDraft');
  }

  setDraft(draft: RequestDraftInput | null): RequestDraft | null {
    const saved = draft === null ? null : { page: draft.page, answers: draft.answers, updatedAt: this.now().toISOString() };
    this.store.set('requestDraft', saved);
    return saved;
  }
}
