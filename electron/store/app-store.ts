import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreRecovery } from '../../shared/rpc/contract';
import { RpcError } from '../../shared/rpc/protocol';
import {
  STORE_VERSION,
  storeDataSchema,
  storeDefaults,
  storeMigrations,
  type MigrationStore,
  type StoreData,
  type StoreKey,
} from './schema';

export const STORE_FILE_NAME = 'config';

/** The part of conf / electron-store the app uses. */
export interface StoreBacking {
  readonly store: Record<string, unknown>;
  set(key: string, value: unknown): void;
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

/**
 * The app's persistent state. Opened lazily on first use; a file that cannot be parsed or does
 * not match the schema is moved aside (never deleted) and the app continues on defaults.
 */
export class AppStore {
  private backing: StoreBacking | undefined;
  private recoveryRecord: StoreRecovery | null = null;
  readonly file: string;

  constructor(
    private readonly dataDir: string,
    private readonly factory: BackingFactory,
    private readonly log: StoreLogger = () => {},
  ) {
    this.file = join(dataDir, `${STORE_FILE_NAME}.json`);
  }

  /** Set when the store had to be moved aside on open. */
  get recovery(): StoreRecovery | null {
    this.open();
    return this.recoveryRecord;
  }

  get<K extends StoreKey>(key: K): StoreData[K] {
    const value = this.open().store[key];
    return storeDataSchema.shape[key].parse(value ?? storeDefaults[key]) as StoreData[K];
  }

  set<K extends StoreKey>(key: K, value: StoreData[K]): void {
    const checked = storeDataSchema.shape[key].parse(value);
    try {
      this.open().set(key, checked);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new RpcError('refused', `Could not save to ${this.file}: ${detail}. Nothing was changed.`);
    }
  }

  private open(): StoreBacking {
    if (this.backing) return this.backing;
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const unreadable = this.unreadableReason();
    if (unreadable) this.moveAside(unreadable);

    let backing: StoreBacking;
    try {
      backing = this.factory(this.options());
    } catch (error) {
      this.moveAside(`it could not be loaded (${error instanceof Error ? error.message : String(error)})`);
      backing = this.factory(this.options());
    }
    const checked = storeDataSchema.safeParse(backing.store);
    if (!checked.success) {
      const first = checked.error.issues[0];
      this.moveAside(`it does not match the expected format (${first?.path.join('.') || 'root'}: ${first?.message})`);
      backing = this.factory(this.options());
    }
    this.backing = backing;
    return backing;
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

  private unreadableReason(): string | null {
    if (!existsSync(this.file)) return null;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      return `it could not be read (${error instanceof Error ? error.message : String(error)})`;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'it is not a JSON object';
      return null;
    } catch (error) {
      return `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  private moveAside(reason: string): void {
    const at = new Date().toISOString();
    const movedTo = join(this.dataDir, `${STORE_FILE_NAME}.corrupt-${at.replace(/[:.]/g, '-')}.json`);
    renameSync(this.file, movedTo);
    this.recoveryRecord = { movedTo, reason, at };
    this.log(`The settings file ${this.file} was unusable because ${reason}; it was kept as ${movedTo} and Edge Wizard started with defaults.`);
  }
}
