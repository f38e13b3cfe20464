import { createCipheriv, createDecipheriv, createPrivateKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmod, link, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write';

/**
 * Private keys at rest: AES-256-GCM under a 32-byte secret that a SecretProvider hands out
 * (Electron safeStorage in the desktop app; a 0600 file for the CLI and `serve`). The key
 * material only ever exists unencrypted in memory.
 */
export interface SecretProvider {
  /** The 32-byte secret; the caller may zero the returned buffer. */
  getSecret(): Promise<Buffer>;
}

/**
 * A provider whose secret is loaded once (from a file, the keychain…) and then handed out as
 * copies; a failed load is retried on the next call rather than cached.
 */
export abstract class CachedSecretProvider implements SecretProvider {
  private loading: Promise<Buffer> | undefined;

  protected abstract load(): Promise<Buffer>;

  async getSecret(): Promise<Buffer> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return Buffer.from(await this.loading);
  }
}

export const SECRET_BYTES = 32;
export const MASTER_KEY_FILE = 'master.key';
const KEYS_DIR = 'keys';

const isPosix = process.platform !== 'win32';
const errno = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** Creates the folder if needed and takes group/other access away from it. */
export async function privateFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  if (isPosix && ((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o700);
}

/** The secret in `<dataDir>/master.key` (mode 0600, folder 0700), made on first use. */
export class FileSecretProvider extends CachedSecretProvider {
  readonly file: string;

  constructor(private readonly dataDir: string) {
    super();
    this.file = join(dataDir, MASTER_KEY_FILE);
  }

  protected async load(): Promise<Buffer> {
    await privateFolder(this.dataDir);
    try {
      return await this.read();
    } catch (error) {
      if (errno(error) !== 'ENOENT') throw error;
    }
    return this.create();
  }

  private async read(): Promise<Buffer> {
    const info = await stat(this.file);
    if (isPosix && (info.mode & 0o077) !== 0) {
      throw new Error(`${this.file} can be read by other users of this computer. Restrict it (chmod 600 "${this.file}") and try again.`);
    }
    const secret = await readFile(this.file);
    if (secret.length !== SECRET_BYTES) {
      throw new Error(
        `${this.file} is damaged (${secret.length} bytes instead of ${SECRET_BYTES}); the encrypted private keys cannot be opened without it. Restore it from a backup.`,
      );
    }
    return secret;
  }

  /** Written to a temp file and linked into place, so a racing process never reads half a secret. */
  private async create(): Promise<Buffer> {
    const secret = randomBytes(SECRET_BYTES);
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(secret);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temp, this.file);
      return secret;
    } catch (error) {
      if (errno(error) === 'EEXIST') return this.read();
      throw error;
    } finally {
      await unlink(temp).catch(() => {});
    }
  }
}

const MAGIC = Buffer.from('EWK1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_INFO = Buffer.from('edge-wizard/private-key/v1', 'ascii');
const ID_PATTERN = /^[A-Za-z0-9-]+$/;

/** Encrypted key files under `<dataDir>/keys/<id>.key.enc`, mode 0600: magic | IV | tag | ciphertext. */
export class KeyVault {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly secrets: SecretProvider,
  ) {
    this.dir = join(dataDir, KEYS_DIR);
  }

  static fileName(id: string): string {
    if (!ID_PATTERN.test(id)) throw new Error(`Invalid key id "${id}".`);
    return `${id}.key.enc`;
  }

  /** Encrypts and writes the key; resolves to the file name kept with the request. */
  async save(id: string, privateKey: KeyObject): Promise<string> {
    const fileName = KeyVault.fileName(id);
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    const kek = await this.keyEncryptionKey();
    try {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', kek, iv);
      // Binding the file name means a key file renamed to another request's name will not open.
      cipher.setAAD(Buffer.concat([MAGIC, Buffer.from(fileName, 'ascii')]));
      const body = Buffer.concat([cipher.update(der), cipher.final()]);
      await privateFolder(this.dir);
      await writeFileAtomic(join(this.dir, fileName), Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]), { mode: 0o600 });
      return fileName;
    } finally {
      der.fill(0);
      kek.fill(0);
    }
  }

  async load(fileName: string): Promise<KeyObject> {
    if (!/^[A-Za-z0-9-]+\.key\.enc$/.test(fileName)) throw new Error(`Invalid key file name "${fileName}".`);
    const data = await readFile(join(this.dir, fileName));
    if (data.length < MAGIC.length + IV_BYTES + TAG_BYTES || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new Error(`${join(this.dir, fileName)} is not an Edge Wizard key file.`);
    }
    const iv = data.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const tag = data.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
    const body = data.subarray(MAGIC.length + IV_BYTES + TAG_BYTES);
    const kek = await this.keyEncryptionKey();
    let der: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', kek, iv);
      decipher.setAAD(Buffer.concat([MAGIC, Buffer.from(fileName, 'ascii')]));
      decipher.setAuthTag(tag);
      der = Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      throw new Error(`${join(this.dir, fileName)} cannot be decrypted: it was changed, or the secret that protects it is not this one.`);
    } finally {
      kek.fill(0);
    }
    try {
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } finally {
      der.fill(0);
    }
  }

  /** The key files present, e.g. those a removed request left behind. */
  async list(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((name) => /^[A-Za-z0-9-]+\.key\.enc$/.test(name));
    } catch (error) {
      if (errno(error) === 'ENOENT') return [];
      throw error;
    }
  }

  async remove(fileName: string): Promise<void> {
    if (!/^[A-Za-z0-9-]+\.key\.enc$/.test(fileName)) throw new Error(`Invalid key file name "${fileName}".`);
    await unlink(join(this.dir, fileName)).catch((error: unknown) => {
      if (errno(error) !== 'ENOENT') throw error;
    });
  }

  /** A key derived for this one purpose, so the master secret can serve others later. */
  private async keyEncryptionKey(): Promise<Buffer> {
    const secret = await this.secrets.getSecret();
    try {
      if (secret.length !== SECRET_BYTES) throw new Error(`The key-protection secret must be ${SECRET_BYTES} bytes.`);
      return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), KEY_INFO, 32));
    } finally {
      secret.fill(0);
    }
  }
}
