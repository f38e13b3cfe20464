import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { CachedSecretProvider, SECRET_BYTES } from '../certificates/key-vault';
import { FileWriteError, writeFileAtomic } from '../files/atomic-write';

const SAFE_STORAGE_SECRET_FILE = 'master.key.safe';

/**
 * The desktop app's key-protection secret: 32 random bytes encrypted by the OS keychain
 * through Electron safeStorage (DPAPI, Keychain, libsecret/KWallet), kept in the data dir.
 * On Linux without a keyring safeStorage falls back to a hard-coded key ("basic_text"),
 * which would protect nothing: that is refused.
 */
export class SafeStorageSecretProvider extends CachedSecretProvider {
  readonly file: string;

  constructor(private readonly dataDir: string) {
    super();
    this.file = join(dataDir, SAFE_STORAGE_SECRET_FILE);
  }

  private assertUsable(): void {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error(
        'The operating system keychain is not available, so private keys cannot be protected. Unlock or install a keyring and start Edge Wizard again.',
      );
    }
    if (process.platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        throw new Error(
          `No keyring is available (safeStorage backend "${backend}"), so private keys would be protected by a key built into Chromium. Start a Secret Service keyring (GNOME Keyring or KWallet), or use "edgewiz serve", which keeps its key file in the data folder.`,
        );
      }
    }
  }

  protected async load(): Promise<Buffer> {
    this.assertUsable();
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32' && ((await stat(this.dataDir)).mode & 0o077) !== 0) await chmod(this.dataDir, 0o700);
    try {
      return this.decrypt(await readFile(this.file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const secret = randomBytes(SECRET_BYTES);
    try {
      await writeFileAtomic(this.file, safeStorage.encryptString(secret.toString('base64')), { mode: 0o600 });
      return secret;
    } catch (error) {
      // Another start wrote it first: use that one.
      if (error instanceof FileWriteError && error.reason === 'path.exists') return this.decrypt(await readFile(this.file));
      throw error;
    }
  }

  private decrypt(data: Buffer): Buffer {
    let secret: Buffer;
    try {
      secret = Buffer.from(safeStorage.decryptString(data), 'base64');
    } catch {
      throw new Error(`${this.file} cannot be decrypted by this user's keychain; the encrypted private keys cannot be opened without it.`);
    }
    if (secret.length !== SECRET_BYTES)
      throw new Error(`${this.file} is damaged; the encrypted private keys cannot be opened without it. Restore it from a backup.`);
    return secret;
  }
}
