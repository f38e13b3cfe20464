import { randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import type { CommandShell } from '../../shared/certificates/commands';
import {
  assignCommands,
  certificateEntries,
  certificateEntrySchema,
  daysUntil,
  exportCommands,
  importCommands,
  installedCertificateSchema,
  MAX_IMPORT_BYTES,
  removeCommands,
  type AssignResult,
  type CertificateEntry,
  type CertificateView,
  type ExportResult,
  type ImportResult,
  type PfxProfile,
  type RemoveResult,
  type StoredCertificate,
} from '../../shared/certificates/installed';
import { lintCertificate, type LintFinding } from '../../shared/certificates/lint';
import type { CertificateUsage } from '../../shared/certificates/profile';
import type { StoredRequest } from '../../shared/certificates/requests';
import type { Topology } from '../../shared/domain/topology';
import { RpcError } from '../../shared/rpc/protocol';
import { assertWritable, FileWriteError, pathParams, writeFileAtomic } from '../files/atomic-write';
import { BoundedReadError, readBoundedFile } from '../files/bounded-read';
import type { AppStore } from '../store/app-store';
import {
  buildChain,
  describeChainCertificate,
  dnsNames,
  findLeaf,
  formatName,
  hasClientAuth,
  ImportError,
  keyBits,
  nameCovers,
  parseCertificateFile,
  publicKeySha256,
  subjectAttributes,
  thumbprint,
} from '../x509/certificate-file';
import { removeGatewayTls, writeGatewayTls } from './gateway-tls';
import type { KeyVault } from './key-vault';
import { gatewayTlsPaths } from '../paths';

type Stored = StoredRequest | StoredCertificate;

export interface ImportInput {
  /** The bytes, and the name messages use (the path from the CLI, the picked file's name from the UI). */
  data: Buffer;
  name: string;
  password?: string;
  exportable?: boolean;
}

export interface CertificateServiceOptions {
  store: AppStore;
  vault: KeyVault;
  dataDir: string;
  /** When set, exported files may only be written inside these folders. */
  saveRoots?: string[];
  shell?: CommandShell;
  now?: () => Date;
  /** The admin's trusted private roots: anchors for import chains. */
  anchors?: () => X509Certificate[];
  /** Refuses an assignment that would serve a key no published TLSA record names (a DANE rollover must do it). */
  daneGuard?: (certificate: { id: string; friendlyName: string; certificatePem: string }) => void;
}

/** notBefore a few minutes ahead is the CA's clock, not a wrong certificate. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const isPending = (entry: Stored): entry is StoredRequest => entry.state === 'pending';

function notFound(id: string): RpcError {
  return new RpcError(
    'not-found',
    `There is no certificate or request with the ID ${id}. Run "edgewiz certificates list" to see the IDs.`,
    [{ path: ['id'], reason: 'certificate.not-found', message: `No certificate or request has the ID ${id}.`, params: { id } }],
  );
}

const usageLabel: Record<CertificateUsage, string> = { externalEdge: 'external edge', edgeInternal: 'edge internal' };

/** The names a certificate of this usage must carry for the topology to work. */
function requiredNames(usage: CertificateUsage, topology: Topology): string[] {
  return usage === 'externalEdge' ? [topology.accessEdgeFqdn, ...topology.xmppDomains] : [topology.internalEdgeFqdn];
}

/** Import, view, assign, remove and export of issued certificates, next to the requests in the same store list. */
export class CertificateService {
  private readonly store: AppStore;
  private readonly vault: KeyVault;
  private readonly now: () => Date;
  private readonly shell: CommandShell;
  /** Store changes and gateway file writes happen one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: CertificateServiceOptions) {
    this.store = options.store;
    this.vault = options.vault;
    this.now = options.now ?? (() => new Date());
    this.shell = options.shell ?? (process.platform === 'win32' ? 'powershell' : 'posix');
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  list(): CertificateEntry[] {
    return certificateEntries(this.store.get('certificates'));
  }

  private find(id: string): Stored {
    const entry = this.store.get('certificates').find((candidate) => candidate.id === id);
    if (!entry) throw notFound(id);
    return entry;
  }

  /** Reads a file named on the command line; a missing, huge or special file (device, FIFO) is refused with its path. */
  async readImportFile(path: string): Promise<Buffer> {
    try {
      return await readBoundedFile(path, MAX_IMPORT_BYTES);
    } catch (error) {
      if (!(error instanceof BoundedReadError)) throw error;
      switch (error.failure) {
        case 'missing':
          throw new ImportError('import.missing', { file: path }, `${path} does not exist.`);
        case 'not-a-file':
          throw new ImportError('import.not-a-file', { file: path }, `${path} ${error.detail}; choose the certificate file.`);
        case 'too-large':
          throw new ImportError(
            'import.too-large',
            { file: path, max: MAX_IMPORT_BYTES / 1024 },
            `${path} is larger than ${MAX_IMPORT_BYTES / 1024} KB; certificate files are a few KB. Choose the certificate file.`,
          );
        default:
          throw new ImportError('import.read-failed', { file: path, detail: error.detail }, `${path} ${error.detail}.`);
      }
    }
  }

  import(input: ImportInput): Promise<ImportResult> {
    return this.serial(() => this.importNow(input));
  }

  private async importNow(input: ImportInput): Promise<ImportResult> {
    const { name } = input;
    if (input.data.length > MAX_IMPORT_BYTES) {
      throw new ImportError(
        'import.too-large',
        { file: name, max: MAX_IMPORT_BYTES / 1024 },
        `${name} is larger than ${MAX_IMPORT_BYTES / 1024} KB; certificate files are a few KB. Choose the certificate file.`,
      );
    }
    const topology = this.store.get('topology');
    if (!topology)
      throw new ImportError(
        'import.no-topology',
        { file: name },
        `${name} was not imported: enter the edge topology first, so the certificate's names can be checked.`,
      );
    const parsed = await parseCertificateFile(input.data, name, input.password);
    const leaves = findLeaf(parsed.certificates, parsed.privateKey);
    if (parsed.privateKey && leaves.length === 0) {
      throw new ImportError(
        'import.key-mismatch',
        { file: name },
        `${name}: the private key in the file does not belong to any certificate in it. Export the certificate together with its own key.`,
      );
    }

    const stored = this.store.get('certificates');
    const pendingFor = (leaf: X509Certificate) =>
      stored.filter(isPending).find((request) => request.publicKeySha256 === publicKeySha256(leaf));
    let leaf = leaves[0];
    if (leaves.length > 1) {
      const matched = leaves.filter((candidate) => pendingFor(candidate));
      if (matched.length !== 1) {
        throw new ImportError(
          'import.ambiguous',
          { file: name, count: leaves.length, names: leaves.map((c) => formatName(c.subject)).join('; ') },
          `${name} holds ${leaves.length} unrelated certificates (${leaves.map((c) => formatName(c.subject)).join('; ')}); import one certificate with its chain.`,
        );
      }
      leaf = matched[0];
    }

    const sha1 = thumbprint(leaf, 'sha1');
    const existing = stored.find((entry): entry is StoredCertificate => !isPending(entry) && entry.sha1 === sha1);
    if (existing)
      throw new ImportError(
        'import.duplicate',
        { file: name, sha1, name: existing.friendlyName, id: existing.id },
        `${name}: this certificate (thumbprint ${sha1}) is already imported as "${existing.friendlyName}" (ID ${existing.id}).`,
      );

    const spki = publicKeySha256(leaf);
    const pending = pendingFor(leaf);
    const leftKey = !pending && !parsed.privateKey ? await this.findLeftKey(spki, stored) : undefined;
    if (!pending && !parsed.privateKey && !leftKey) {
      throw new ImportError(
        'import.no-match',
        { file: name },
        `${name}: no pending request of Edge Wizard has this certificate's public key, and the file holds no private key. Import the certificate issued for a request made here, or a PFX file (.pfx) with the certificate and its private key.`,
      );
    }

    const now = this.now();
    const notBefore = new Date(leaf.validFrom);
    const notAfter = new Date(leaf.validTo);
    if (notAfter.getTime() <= now.getTime()) {
      throw new ImportError(
        'import.expired',
        { file: name, date: notAfter.toISOString().slice(0, 10) },
        `${name}: the certificate expired on ${notAfter.toISOString().slice(0, 10)}. Ask the certification authority for a new one.`,
      );
    }
    if (notBefore.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw new ImportError(
        'import.not-yet-valid',
        { file: name, time: notBefore.toISOString().replace('T', ' ').slice(0, 16) },
        `${name}: the certificate is not valid before ${notBefore.toISOString().replace('T', ' ').slice(0, 16)} UTC. Check this computer's clock, or import it once it is valid.`,
      );
    }

    const sans = dnsNames(leaf);
    const usage = pending?.usage ?? this.guessUsage(sans, topology);
    const missing = requiredNames(usage, topology).filter((host) => !sans.some((san) => nameCovers(san, host)));
    if (missing.length > 0) {
      throw new ImportError(
        'import.names',
        { file: name, names: sans.join(', ') || '—', missing: missing.join(', ') },
        `${name}: the certificate's names (${sans.join(', ') || 'none'}) do not cover ${missing.join(', ')}, which the ${usageLabel[usage]} certificate must name for this topology. Request a certificate with ${missing.length === 1 ? 'this name' : 'these names'}.`,
      );
    }

    const chain = buildChain(leaf, parsed.certificates, this.options.anchors?.() ?? []);
    if (!chain.complete) {
      const at = chain.stoppedAt!;
      throw new ImportError(
        'import.chain',
        { file: name, subject: formatName(at.subject), issuer: formatName(at.issuer) },
        `${name}: the chain is incomplete — the issuer of "${formatName(at.subject)}" ("${formatName(at.issuer)}") is neither in the file nor a trusted root, so partners could not verify the certificate. Import the certificate with its full chain (for example the .p7b file from the certification authority).`,
      );
    }

    const exportable = pending?.exportable ?? (parsed.privateKey ? (input.exportable ?? false) : false);
    const findings = lintCertificate({
      usage,
      keyBits: keyBits(leaf),
      subject: subjectAttributes(leaf),
      sans,
      clientAuth: hasClientAuth(leaf),
      exportable,
      topology,
      validity: { notBefore, notAfter },
      now: new Date(Math.max(now.getTime(), notBefore.getTime())),
    });

    const id = pending?.id ?? randomUUID();
    let newKeyFile: string | undefined;
    if (!pending && !leftKey) newKeyFile = await this.vault.save(id, parsed.privateKey!);
    const keyFile = pending?.keyFile ?? leftKey ?? newKeyFile!;
    const subjectCn = subjectAttributes(leaf).find((attribute) => attribute.type === 'CN')?.value;
    const record: StoredCertificate = {
      id,
      usage,
      state: 'issued',
      friendlyName: pending?.friendlyName ?? parsed.friendlyName ?? subjectCn ?? sans[0] ?? basename(name),
      subject: formatName(leaf.subject),
      sans,
      issuer: formatName(leaf.issuer),
      serial: leaf.serialNumber.toUpperCase(),
      notBefore: notBefore.toISOString(),
      notAfter: notAfter.toISOString(),
      sha1,
      sha256: thumbprint(leaf, 'sha256'),
      keySize: keyBits(leaf),
      clientAuth: hasClientAuth(leaf),
      publicKeySha256: spki,
      exportable,
      importedAt: now.toISOString(),
      source: name,
      fromRequest: pending !== undefined,
      chain: chain.chain.map(describeChainCertificate),
      certificatePem: leaf.toString(),
      chainPem: chain.chain.map((certificate) => certificate.toString()),
      keyFile,
    };
    try {
      // Another process may have changed the list since it was read above: apply to the current one.
      this.store.update((tx) => {
        const current = tx.get('certificates');
        const twin = current.find((entry): entry is StoredCertificate => !isPending(entry) && entry.sha1 === sha1);
        if (twin)
          throw new ImportError(
            'import.duplicate',
            { file: name, sha1, name: twin.friendlyName, id: twin.id },
            `${name}: this certificate (thumbprint ${sha1}) is already imported as "${twin.friendlyName}" (ID ${twin.id}).`,
          );
        if (pending && !current.some((entry) => entry.id === pending.id))
          throw new ImportError(
            'import.request-removed',
            { file: name, id: pending.id },
            `${name}: its pending request (ID ${pending.id}) was removed meanwhile; import the file again.`,
          );
        const wizard = tx.get('wizard');
        if (!wizard.certificateTaskCompleted) tx.set('wizard', { ...wizard, certificateTaskCompleted: true });
        tx.set('certificates', pending ? current.map((entry) => (entry.id === pending.id ? record : entry)) : [...current, record]);
      });
    } catch (error) {
      if (newKeyFile) await this.vault.remove(newKeyFile).catch(() => {});
      throw error;
    }
    const commands = importCommands(name, exportable, this.shell, parsed.format === 'pkcs12');
    const certificate = installedCertificateSchema.parse(record);
    // Imported anyway (a private CA is legitimate); the admin is told and offered to trust the root.
    const untrustedRoot = chain.untrustedRoot
      ? {
          sha256: chain.untrustedRoot.fingerprint256,
          subject: formatName(chain.untrustedRoot.subject),
          pem: chain.untrustedRoot.toString(),
        }
      : null;
    return { id, state: 'issued', sha1, sha256: record.sha256, findings, certificate, commands, untrustedRoot };
  }

  /** A key a removed request left in the vault (its removal kept the key) that fits this certificate. */
  private async findLeftKey(spki: string, stored: Stored[]): Promise<string | undefined> {
    const used = new Set(stored.map((entry) => entry.keyFile));
    for (const file of await this.vault.list()) {
      if (used.has(file)) continue;
      let key: KeyObject;
      try {
        key = await this.vault.load(file);
      } catch {
        continue;
      }
      if (publicKeySha256(key) === spki) return file;
    }
    return undefined;
  }

  private guessUsage(sans: string[], topology: Topology): CertificateUsage {
    const covers = (host: string) => sans.some((san) => nameCovers(san, host));
    return !covers(topology.accessEdgeFqdn) && covers(topology.internalEdgeFqdn) ? 'edgeInternal' : 'externalEdge';
  }

  private findings(entry: StoredCertificate): LintFinding[] {
    const topology = this.store.get('topology');
    if (!topology) return [];
    const leaf = new X509Certificate(entry.certificatePem);
    return lintCertificate({
      usage: entry.usage,
      keyBits: entry.keySize,
      subject: subjectAttributes(leaf),
      sans: entry.sans,
      clientAuth: entry.clientAuth,
      exportable: entry.exportable,
      topology,
      validity: { notBefore: new Date(entry.notBefore), notAfter: new Date(entry.notAfter) },
      now: this.now(),
    });
  }

  view(id: string): CertificateView {
    const stored = this.find(id);
    const entry = certificateEntrySchema.parse(stored);
    if (isPending(stored)) return { entry, findings: [], daysLeft: null, gatewayFiles: null, pem: stored.csrPem.trimEnd() + '\n' };
    const paths = gatewayTlsPaths(this.options.dataDir);
    return {
      entry,
      findings: this.findings(stored),
      daysLeft: daysUntil(stored.notAfter, this.now()),
      gatewayFiles: stored.state === 'assigned' ? { certificate: paths.certificate, key: paths.key } : null,
      pem: [stored.certificatePem, ...stored.chainPem].map((pem) => pem.trimEnd() + '\n').join(''),
    };
  }

  /** `rollover`: the DANE rollover itself assigns, once the key's TLSA record has been seen for two TTLs. */
  assign(id: string, options: { rollover?: boolean } = {}): Promise<AssignResult> {
    return this.serial(async () => {
      const entry = this.find(id);
      if (isPending(entry)) {
        throw new RpcError(
          'refused',
          `${entry.friendlyName} is still a pending request: import the certificate the CA issued for it first, then assign it.`,
          [],
          { reason: 'assign.pending', params: { name: entry.friendlyName } },
        );
      }
      if (entry.usage !== 'externalEdge') {
        throw new RpcError(
          'refused',
          `"${entry.friendlyName}" is an edge internal certificate; only the external edge certificate serves the XMPP gateway.`,
          [],
          { reason: 'assign.internal', params: { name: entry.friendlyName } },
        );
      }
      if (new Date(entry.notAfter).getTime() <= this.now().getTime()) {
        throw new RpcError(
          'refused',
          `"${entry.friendlyName}" expired on ${entry.notAfter.slice(0, 10)}; import a current certificate and assign that one.`,
          [],
          { reason: 'assign.expired', params: { name: entry.friendlyName, date: entry.notAfter.slice(0, 10) } },
        );
      }
      if (!options.rollover) this.options.daneGuard?.(entry);
      const key = await this.vault.load(entry.keyFile);
      const paths = await writeGatewayTls(
        this.options.dataDir,
        [entry.certificatePem, ...entry.chainPem.filter((_, i) => !entry.chain[i]?.selfSigned)],
        key,
      );
      try {
        this.store.update((tx) => {
          const current = tx.get('certificates');
          if (!current.some((other) => other.id === id)) throw notFound(id);
          tx.set(
            'certificates',
            current.map((other): Stored =>
              other.id === id
                ? { ...entry, state: 'assigned' }
                : !isPending(other) && other.state === 'assigned'
                  ? { ...other, state: 'issued' }
                  : other,
            ),
          );
        });
      } catch (error) {
        // The files now hold a certificate the store does not call assigned: take them back.
        await removeGatewayTls(this.options.dataDir).catch(() => {});
        throw error;
      }
      const commands = assignCommands(id, entry.usage, entry.sha1);
      const certificate = installedCertificateSchema.parse({ ...entry, state: 'assigned' });
      return { certificate, files: { certificate: paths.certificate, key: paths.key }, commands };
    });
  }

  remove(id: string, deleteKey = false): Promise<RemoveResult> {
    return this.serial(async () => {
      const entry = this.store.update((tx) => {
        const current = tx.get('certificates');
        const found = current.find((other) => other.id === id);
        if (!found) throw notFound(id);
        tx.set(
          'certificates',
          current.filter((other) => other.id !== id),
        );
        return found;
      });
      let gatewayFilesRemoved = false;
      if (!isPending(entry) && entry.state === 'assigned') gatewayFilesRemoved = await removeGatewayTls(this.options.dataDir);
      if (deleteKey) await this.vault.remove(entry.keyFile);
      const commands = removeCommands(id, { sha1: isPending(entry) ? undefined : entry.sha1, subject: entry.subject }, deleteKey);
      return { id, keyDeleted: deleteKey, gatewayFilesRemoved, commands };
    });
  }

  async export(args: { id: string; out: string; password: string; legacy?: boolean; overwrite?: boolean }): Promise<ExportResult> {
    const entry = this.find(args.id);
    if (isPending(entry))
      throw new RpcError(
        'refused',
        `"${entry.friendlyName}" is a pending request without a certificate yet; import the issued certificate, then export it.`,
        [],
        { reason: 'export.pending', params: { name: entry.friendlyName } },
      );
    if (!entry.exportable) {
      throw new RpcError(
        'refused',
        `The private key of "${entry.friendlyName}" was not marked as exportable, so it cannot leave this computer. Request a new certificate with "Mark the certificate's private key as exportable" ticked for the other pool members.`,
        [
          {
            path: ['id'],
            reason: 'export.not-exportable',
            message: 'The private key is not exportable.',
            params: { name: entry.friendlyName },
          },
        ],
      );
    }
    try {
      await assertWritable(args.out, {
        overwrite: args.overwrite,
        protectedDir: this.options.dataDir,
        allowedRoots: this.options.saveRoots,
      });
    } catch (error) {
      throw error instanceof FileWriteError
        ? new RpcError('refused', error.message, [
            { path: ['out'], reason: error.reason, message: error.message, params: pathParams(error.path) },
          ])
        : error;
    }
    const profile: PfxProfile = args.legacy ? 'legacy' : 'aes256';
    const key = await this.vault.load(entry.keyFile);
    // Loaded when a PFX is written, not with the service.
    const { buildPfx } = await import('./pfx');
    const pfx = await buildPfx({
      privateKey: key,
      certificatesPem: [entry.certificatePem, ...entry.chainPem],
      friendlyName: entry.friendlyName,
      password: args.password,
      profile,
    });
    try {
      await writeFileAtomic(args.out, pfx, { overwrite: args.overwrite, mode: 0o600 });
    } catch (error) {
      throw error instanceof FileWriteError
        ? new RpcError('refused', error.message, [
            { path: ['out'], reason: error.reason, message: error.message, params: pathParams(error.path) },
          ])
        : error;
    } finally {
      pfx.fill(0);
    }
    const commands = exportCommands(args.id, entry.sha1, args.out, profile === 'legacy', this.shell);
    return { out: args.out, profile, commands };
  }
}
