import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type BigIntStats,
} from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { StoreRecovery } from '../../shared/rpc/contract';
import { RpcError, type CodedMessage } from '../../shared/rpc/protocol';
import {
  STORE_VERSION,
  storeDataSchema,
  storeDefaults,
  storeMigrations,
  type MigrationStore,
  type StoreData,
  type StoreKey,
} from './schema';
import { errorMessage } from '../../shared/errors';

const STORE_FILE_NAME = 'config';

/** The part of conf / electron-store the app uses: the whole object, read from and written to the file. */
export interface StoreBacking {
  store: Record<string, unknown>;
}

export interface BackingOptions {
  cwd: string;
  configName: string;
  projectVersion: string;
  defaults: StoreData;
  migrations: Record<string, (store: MigrationStore) => void>;
  configFileMode: number;
}

export type BackingFactory = (options: BackingOptions) => StoreBacking;

export type StoreLogger = (message: string) => void;

/** The keys a transaction reads and writes; what it sets is written in one file write when it returns. */
export interface StoreTransaction {
  get<K extends StoreKey>(key: K): StoreData[K];
  set<K extends StoreKey>(key: K, value: StoreData[K]): void;
}

/** How long a writer waits for another process to finish its write before giving up. */
const LOCK_WAIT_MS = 30_000;
/** A lock not refreshed for this long belongs to a process that died while writing. */
const LOCK_STALE_MS = 10_000;

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/**
 * proper-lockfile (with graceful-fs, which it patches fs with) loads only when the store first
 * writes: commands that only read, such as `edgewiz list`, start faster without it.
 */
function lockfile(): typeof import('proper-lockfile') {
  return createRequire(import.meta.url)('proper-lockfile') as typeof import('proper-lockfile');
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Identifies one version of the file: every write replaces it (new inode), and size and times change with it. */
type Signature = string;

const signatureOf = (info: BigIntStats): Signature => `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;

/** A current file, as read and checked: its version on disk, its object, and what the schema made of each key. */
interface CurrentContent {
  file: string;
  signature: Signature;
  raw: Record<string, unknown>;
  data: Record<string, unknown>;
}

/**
 * The last file found current, until a store opens it: the CLI checks the file before it loads
 * the core, and the store that opens it next takes this instead of reading and checking it again.
 */
let checkedAhead: CurrentContent | undefined;

/** The file's content when it is at this store version and matches the schema, so no library needs to touch it; else null. */
function currentContent(file: string): CurrentContent | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    // The signature and the bytes come from the same open file, so they cannot describe two versions.
    const signature = signatureOf(fstatSync(fd, { bigint: true }));
    if (checkedAhead?.file === file && checkedAhead.signature === signature) return checkedAhead;
    const raw: unknown = JSON.parse(readFileSync(fd, 'utf8'));
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
    const internal = (raw as { __internal__?: { migrations?: { version?: unknown } } }).__internal__;
    if (internal?.migrations?.version !== STORE_VERSION) return null;
    const checked = storeDataSchema.safeParse(raw);
    return checked.success ? { file, signature, raw: raw as Record<string, unknown>, data: checked.data } : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Whether opening the store in `dataDir` needs the store library (a new, older or damaged file). */
export function needsStoreLibrary(dataDir: string): boolean {
  const file = join(dataDir, `${STORE_FILE_NAME}.json`);
  const current = currentContent(file);
  checkedAhead = current ?? undefined;
  return current === null;
}

/** The current file itself as the backing: read on every access, replaced atomically on every write. */
function currentFileBacking(file: string): StoreBacking {
  return {
    get store() {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch (error) {
        // Gone meanwhile: like conf, an absent file reads as empty.
        if (errnoOf(error) === 'ENOENT') return {};
        throw error;
      }
    },
    set store(value) {
      const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      const fd = openSync(temporary, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(value, undefined, '\t'));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      try {
        renameSync(temporary, file);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
    },
  };
}

/**
 * The app's persistent state, shared by the desktop app, the CLI and `serve` through one file.
 * Opened lazily on first use. Every write is a read-modify-write of the current file under a
 * lock that works across processes, so two writers never lose each other's changes. Reads
 * reuse the parsed file until it changes on disk. A file that was read but cannot be parsed
 * or does not match the schema is moved aside (never deleted) and the app continues on
 * defaults; a file that cannot be read at all is an error, and nothing is moved or written.
 */
export class AppStore {
  private backing: StoreBacking | undefined;
  private recoveryRecord: StoreRecovery | null = null;
  private cache: { signature: Signature; raw: Record<string, unknown>; parsed: Partial<StoreData> } | undefined;
  readonly file: string;
  private readonly lockFile: string;

  constructor(
    private readonly dataDir: string,
    private readonly factory: BackingFactory,
    private readonly log: StoreLogger = () => {},
  ) {
    this.file = join(dataDir, `${STORE_FILE_NAME}.json`);
    this.lockFile = join(dataDir, `${STORE_FILE_NAME}.json.lock`);
  }

  /** Set when the store had to be moved aside on open. */
  get recovery(): StoreRecovery | null {
    this.open();
    return this.recoveryRecord;
  }

  get<K extends StoreKey>(key: K): StoreData[K] {
    const backing = this.open();
    const signature = this.signature();
    if (this.cache?.signature !== signature) this.cache = { signature, raw: this.read(backing), parsed: {} };
    const { cache } = this;
    if (!(key in cache.parsed)) cache.parsed[key] = storeDataSchema.shape[key].parse(cache.raw[key] ?? storeDefaults[key]) as StoreData[K];
    return cache.parsed[key] as StoreData[K];
  }

  set<K extends StoreKey>(key: K, value: StoreData[K]): void {
    this.update((tx) => tx.set(key, value));
  }

  /**
   * Reads the current file, lets `change` look at it and set keys, and writes the result, all
   * under the writer lock. If `change` throws, nothing is written.
   */
  update<T>(change: (tx: StoreTransaction) => T): T {
    const backing = this.open();
    return this.locked(() => {
      const raw = this.read(backing);
      const parsed: Partial<StoreData> = {};
      let dirty = false;
      const tx: StoreTransaction = {
        get: (key) => (parsed[key] ??= storeDataSchema.shape[key].parse(raw[key] ?? storeDefaults[key]) as never) as never,
        set: (key, value) => {
          const checked = storeDataSchema.shape[key].parse(value);
          raw[key] = checked;
          parsed[key] = checked as never;
          dirty = true;
        },
      };
      const result = change(tx);
      if (!dirty) return result;
      try {
        backing.store = raw;
      } catch (error) {
        this.cache = undefined;
        throw new RpcError('refused', `Could not save to ${this.file}: ${errorMessage(error)}. Nothing was changed.`, [], {
          reason: 'store.save-failed',
          params: { path: this.file, detail: errorMessage(error) },
        });
      }
      this.cache = { signature: this.signature(), raw, parsed };
      return result;
    });
  }

  private read(backing: StoreBacking): Record<string, unknown> {
    try {
      return backing.store;
    } catch (error) {
      throw this.ioError(error, 'read');
    }
  }

  private signature(): Signature {
    try {
      return signatureOf(statSync(this.file, { bigint: true }));
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return 'none';
      throw this.ioError(error, 'read');
    }
  }

  private ioError(error: unknown, action: 'read' | 'save'): RpcError {
    const code = errnoOf(error);
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOTDIR'
          ? `${this.dataDir} is not a folder`
          : (code ?? errorMessage(error));
    return new RpcError(
      'refused',
      action === 'read'
        ? `Cannot read the settings file ${this.file} (${why}). Nothing was changed; check its permissions and try again.`
        : `Could not save to ${this.file} (${why}). Nothing was changed.`,
      [],
      {
        reason: action === 'read' ? 'store.read-failed' : 'store.save-failed',
        params: { path: this.file, detail: code ?? errorMessage(error) },
      },
    );
  }

  /** Runs `task` holding the data dir's writer lock, waiting (bounded) for other processes' writes. */
  private locked<T>(task: () => T): T {
    const deadline = Date.now() + LOCK_WAIT_MS;
    let release: () => void;
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      try {
        release = lockfile().lockSync(this.file, { realpath: false, lockfilePath: this.lockFile, stale: LOCK_STALE_MS });
        break;
      } catch (error) {
        if (errnoOf(error) !== 'ELOCKED') throw this.ioError(error, 'save');
        if (Date.now() >= deadline) {
          throw new RpcError(
            'refused',
            `Another Edge Wizard process has been saving to ${this.file} for over ${LOCK_WAIT_MS / 1000} s (lock ${this.lockFile}). Nothing was changed; try again when it has finished.`,
            [],
            { reason: 'store.locked', params: { path: this.file, seconds: LOCK_WAIT_MS / 1000, lock: this.lockFile } },
          );
        }
        sleepSync(pause + Math.random() * pause);
      }
    }
    try {
      return task();
    } finally {
      try {
        release();
      } catch {
        // A lock taken over as stale is another writer's now: nothing of ours to release.
      }
    }
  }

  /**
   * What reads and writes go through. A file that is already at this store version and matches
   * the schema is read and written as it is, in the format conf writes (tab-indented JSON,
   * replaced atomically, 0600), without loading the store library: conf and its JSON schema
   * validator cost more than a CLI command's whole work. Anything else opens the library's
   * backing, which migrates, fills defaults or moves the file aside.
   */
  private open(): StoreBacking {
    if (this.backing) return this.backing;
    this.makeDataDir();
    const current = currentContent(this.file);
    if (checkedAhead === current) checkedAhead = undefined;
    if (!current) return (this.backing = this.openLibrary());
    // Every key the file holds was parsed with the whole file: the first reads take those values.
    const parsed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(current.data)) if (key in storeDefaults && current.raw[key] != null) parsed[key] = value;
    this.cache = { signature: current.signature, raw: current.raw, parsed: parsed as Partial<StoreData> };
    return (this.backing = currentFileBacking(this.file));
  }

  private makeDataDir(): void {
    try {
      mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      const inTheWay = errnoOf(error) === 'EEXIST' || errnoOf(error) === 'ENOTDIR';
      throw new RpcError(
        'refused',
        `The data folder ${this.dataDir} cannot be created (${inTheWay ? 'a file is in the way' : (errnoOf(error) ?? errorMessage(error))}).`,
        [],
        inTheWay
          ? { reason: 'store.folder-blocked', params: { path: this.dataDir } }
          : { reason: 'store.folder-failed', params: { path: this.dataDir, detail: errnoOf(error) ?? errorMessage(error) } },
      );
    }
  }

  /** The store library's backing (conf or electron-store): migrations run and a bad file is moved aside here. */
  private openLibrary(): StoreBacking {
    return this.locked(() => {
      const unusable = this.unusableReason();
      if (unusable) this.moveAside(unusable.reason, unusable.coded);
      let backing: StoreBacking;
      try {
        backing = this.factory(this.options());
      } catch (error) {
        if (errnoOf(error)) throw this.ioError(error, 'read');
        // A refusal of the host's own (it cannot open the library now) says nothing about the file.
        if (error instanceof RpcError) throw error;
        this.moveAside(`it could not be loaded (${errorMessage(error)})`, {
          reason: 'store.unloadable',
          params: { detail: errorMessage(error) },
        });
        backing = this.factory(this.options());
      }
      const checked = storeDataSchema.safeParse(this.read(backing));
      if (!checked.success) {
        const first = checked.error.issues[0];
        const field = first?.path.join('.') || 'root';
        this.moveAside(`it does not match the expected format (${field}: ${first?.message})`, {
          reason: 'store.bad-format',
          params: { field },
        });
        backing = this.factory(this.options());
      }
      return backing;
    });
  }

  private options(): BackingOptions {
    return {
      cwd: this.dataDir,
      configName: STORE_FILE_NAME,
      projectVersion: STORE_VERSION,
      defaults: storeDefaults,
      migrations: storeMigrations,
      configFileMode: 0o600,
    };
  }

  /** Why a file that was read cannot be used; a file that cannot be read is an error instead. */
  private unusableReason(): { reason: string; coded: CodedMessage } | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return null;
      throw this.ioError(error, 'read');
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return { reason: 'it is not a JSON object', coded: { reason: 'store.not-object' } };
      return null;
    } catch (error) {
      return {
        reason: `it is not valid JSON (${errorMessage(error)})`,
        coded: { reason: 'store.not-json', params: { detail: errorMessage(error) } },
      };
    }
  }

  private moveAside(reason: string, coded: CodedMessage): void {
    const at = new Date().toISOString();
    const movedTo = join(this.dataDir, `${STORE_FILE_NAME}.corrupt-${at.replace(/[:.]/g, '-')}.json`);
    renameSync(this.file, movedTo);
    this.recoveryRecord = { movedTo, reason, code: coded.reason, ...(coded.params ? { params: coded.params } : {}), at };
    this.log(
      `The settings file ${this.file} was unusable because ${reason}; it was kept as ${movedTo} and Edge Wizard started with defaults.`,
    );
  }
}
