import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { RpcError } from '../../shared/rpc/protocol';
import { writeFileAtomic } from '../files/atomic-write';
import { BoundedReadError, readBoundedFile } from '../files/bounded-read';
import { CachedSecretProvider, FileSecretProvider, MASTER_KEY_FILE, privateFolder, SECRET_BYTES, type SecretProvider } from './key-vault';
import { errorMessage } from '../../shared/errors';

/**
 * Who keeps a data dir's master key (the secret the private keys are encrypted under), recorded
 * once in `custody.json` so the desktop app, the CLI and `serve` all use the same one:
 * - keychain: the OS keychain (Windows Credential Manager, macOS Keychain, Secret Service on
 *   Linux) through @napi-rs/keyring, reachable from plain Node and from Electron alike;
 * - file: `master.key` (0600) in the data dir, chosen only where no keychain is reachable, and
 *   reported when chosen;
 * - safe-storage: what the desktop app used before (`master.key.safe`), which only it can open.
 */

const CUSTODY_FILE = 'custody.json';
const KEYCHAIN_SERVICE = 'Edge Wizard';
const LEGACY_SAFE_STORAGE_FILE = 'master.key.safe';
/** Keychain calls may wait on a prompt or a stuck D-Bus: never longer than this. */
const KEYCHAIN_TIMEOUT_MS = 15_000;

const custodySchema = z.discriminatedUnion('custody', [
  z.object({ custody: z.literal('keychain'), service: z.string().min(1), account: z.string().min(1) }),
  z.object({ custody: z.literal('file'), reason: z.string().optional() }),
  z.object({ custody: z.literal('safe-storage') }),
]);
type Custody = z.infer<typeof custodySchema>;

/** The part of the OS keychain the custody needs; @napi-rs/keyring by default, a stand-in in tests of other parts. */
export interface Keychain {
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, value: string): Promise<void>;
}

const describe = (error: unknown) => errorMessage(error).split('\n')[0];

/** The OS keychain through @napi-rs/keyring, loaded on first use (a native module). */
const osKeychain: Keychain = {
  async get(service, account) {
    const { AsyncEntry } = await import('@napi-rs/keyring');
    return new AsyncEntry(service, account).getPassword(AbortSignal.timeout(KEYCHAIN_TIMEOUT_MS));
  },
  async set(service, account, value) {
    const { AsyncEntry } = await import('@napi-rs/keyring');
    await new AsyncEntry(service, account).setPassword(value, AbortSignal.timeout(KEYCHAIN_TIMEOUT_MS));
  },
};

export interface CustodyOptions {
  keychain?: Keychain;
  /** Where the fallback to the key file is reported. */
  log?: (message: string) => void;
  /** The desktop app's safeStorage provider, for data dirs it set up before the keychain custody. */
  safeStorage?: SecretProvider;
}

export class CustodySecretProvider extends CachedSecretProvider {
  private readonly file: string;
  private readonly keychain: Keychain;

  constructor(
    private readonly dataDir: string,
    private readonly options: CustodyOptions = {},
  ) {
    super();
    this.file = join(dataDir, CUSTODY_FILE);
    this.keychain = options.keychain ?? osKeychain;
  }

  protected async load(): Promise<Buffer> {
    const custody = (await this.readCustody()) ?? (await this.establish());
    return this.open(custody);
  }

  private async readCustody(): Promise<Custody | null> {
    let text: string;
    try {
      text = (await readBoundedFile(this.file, 64 * 1024)).toString('utf8');
    } catch (error) {
      if (error instanceof BoundedReadError && error.failure === 'missing') return null;
      throw new RpcError('refused', `${errorMessage(error)}: the private keys cannot be opened without it.`, [], {
        reason: 'custody.unreadable',
        params: { path: this.file },
      });
    }
    try {
      return custodySchema.parse(JSON.parse(text));
    } catch {
      throw new RpcError(
        'refused',
        `${this.file} is damaged: it should say where the master key of the private keys is kept. Restore it from a backup.`,
        [],
        { reason: 'custody.damaged', params: { path: this.file } },
      );
    }
  }

  /** First use of the data dir (or one from before custody.json): decide once, under a lock, and record it. */
  private async establish(): Promise<Custody> {
    await privateFolder(this.dataDir);
    const release = await lockfile.lock(this.file, {
      realpath: false,
      lockfilePath: `${this.file}.lock`,
      stale: 10_000,
      retries: { retries: 60, minTimeout: 50, maxTimeout: 500 },
    });
    try {
      const again = await this.readCustody();
      if (again) return again;
      let custody: Custody;
      if (existsSync(join(this.dataDir, MASTER_KEY_FILE))) custody = { custody: 'file' };
      else if (existsSync(join(this.dataDir, LEGACY_SAFE_STORAGE_FILE))) custody = { custody: 'safe-storage' };
      else custody = await this.newCustody();
      await writeFileAtomic(this.file, `${JSON.stringify(custody, null, 2)}\n`, { mode: 0o600 });
      return custody;
    } finally {
      await release();
    }
  }

  /** A new master key: in the keychain when one answers (and gives the secret back), else in the key file, said out loud. */
  private async newCustody(): Promise<Custody> {
    const account = randomUUID();
    const secret = randomBytes(SECRET_BYTES).toString('base64');
    let problem: string;
    try {
      await this.keychain.set(KEYCHAIN_SERVICE, account, secret);
      if ((await this.keychain.get(KEYCHAIN_SERVICE, account)) === secret)
        return { custody: 'keychain', service: KEYCHAIN_SERVICE, account };
      problem = 'it did not give the key back';
    } catch (error) {
      problem = describe(error);
    }
    const reason = `no OS keychain is reachable (${problem})`;
    this.options.log?.(
      `Because ${reason}, the master key that protects the private keys of ${this.dataDir} is kept in ${join(this.dataDir, MASTER_KEY_FILE)}, readable only by you.`,
    );
    return { custody: 'file', reason };
  }

  private async open(custody: Custody): Promise<Buffer> {
    if (custody.custody === 'file') return new FileSecretProvider(this.dataDir).getSecret();
    if (custody.custody === 'safe-storage') {
      if (this.options.safeStorage) return this.options.safeStorage.getSecret();
      throw new RpcError(
        'refused',
        `The private keys of ${this.dataDir} are protected by the Edge Wizard desktop app (Electron safeStorage), which the command line and edgewiz serve cannot open. Use the desktop app for them, or another data folder (--data-dir).`,
        [],
        { reason: 'custody.desktop-only', params: { path: this.dataDir } },
      );
    }
    const where = `the OS keychain (service "${custody.service}", account "${custody.account}")`;
    // A keychain that cannot be reached and one without the entry may look alike from here.
    const unreadable = (detail: string) =>
      new RpcError(
        'refused',
        `The private keys of ${this.dataDir} are protected by a master key in ${where}, which cannot be read from here (${detail}). Run Edge Wizard in the session where that keychain is unlocked; if the entry was deleted, the keys in ${join(this.dataDir, 'keys')} cannot be opened.`,
        [],
        {
          reason: 'custody.keychain',
          params: { path: this.dataDir, service: custody.service, account: custody.account, keys: join(this.dataDir, 'keys'), detail },
        },
      );
    let value: string | null;
    try {
      value = await this.keychain.get(custody.service, custody.account);
    } catch (error) {
      throw unreadable(describe(error));
    }
    const secret = value === null ? null : Buffer.from(value, 'base64');
    if (!secret || secret.length !== SECRET_BYTES)
      throw unreadable(value === null ? 'no such entry in the keychain this session reaches' : 'the entry is not a master key');
    return secret;
  }
}
