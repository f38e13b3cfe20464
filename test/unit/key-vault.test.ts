import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretProvider, KeyVault, type SecretProvider } from '../../electron/certificates/key-vault';
import { tempDir } from '../support/core';

const mode = (path: string) => statSync(path).mode & 0o777;
const fixedSecret = (byte: number): SecretProvider => ({ getSecret: async () => Buffer.alloc(32, byte) });

describe('file secret provider', () => {
  it('creates a 32-byte master.key with mode 0600 in a 0700 folder, once', async () => {
    const dataDir = join(tempDir(), 'data');
    const [a, b] = await Promise.all([new FileSecretProvider(dataDir).getSecret(), new FileSecretProvider(dataDir).getSecret()]);
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(true);
    expect(mode(join(dataDir, 'master.key'))).toBe(0o600);
    expect(mode(dataDir)).toBe(0o700);
    expect((await new FileSecretProvider(dataDir).getSecret()).equals(a)).toBe(true);
  });

  it('tightens a data folder others can read', async () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o755);
    await new FileSecretProvider(dataDir).getSecret();
    expect(mode(dataDir)).toBe(0o700);
  });

  it('refuses a master.key other users can read, or one of the wrong size', async () => {
    const loose = tempDir();
    writeFileSync(join(loose, 'master.key'), Buffer.alloc(32, 1), { mode: 0o644 });
    chmodSync(join(loose, 'master.key'), 0o644);
    await expect(new FileSecretProvider(loose).getSecret()).rejects.toThrow(/can be read by other users.*chmod 600/);

    const short = tempDir();
    writeFileSync(join(short, 'master.key'), Buffer.alloc(16, 1), { mode: 0o600 });
    await expect(new FileSecretProvider(short).getSecret()).rejects.toThrow(/damaged \(16 bytes instead of 32\)/);
  });
});

describe('key vault', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });

  it('round-trips a key through an AES-256-GCM file with mode 0600', async () => {
    const dataDir = tempDir();
    const vault = new KeyVault(dataDir, fixedSecret(7));
    const fileName = await vault.save('abc-123', privateKey);
    expect(fileName).toBe('abc-123.key.enc');
    const file = join(dataDir, 'keys', fileName);
    expect(mode(file)).toBe(0o600);
    expect(mode(join(dataDir, 'keys'))).toBe(0o700);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 4).toString()).toBe('EWK1');
    expect(bytes.indexOf(pkcs8.subarray(0, 64))).toBe(-1);
    const loaded = await vault.load(fileName);
    expect(loaded.export({ type: 'pkcs8', format: 'der' }).equals(pkcs8)).toBe(true);
  });

  it('will not open a key file that was changed, renamed or sealed under another secret', async () => {
    const dataDir = tempDir();
    const vault = new KeyVault(dataDir, fixedSecret(7));
    const fileName = await vault.save('one', privateKey);
    const file = join(dataDir, 'keys', fileName);

    await expect(new KeyVault(dataDir, fixedSecret(8)).load(fileName)).rejects.toThrow(/cannot be decrypted/);
    renameSync(file, join(dataDir, 'keys', 'two.key.enc'));
    await expect(vault.load('two.key.enc')).rejects.toThrow(/cannot be decrypted/);
    renameSync(join(dataDir, 'keys', 'two.key.enc'), file);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(file, bytes);
    await expect(vault.load(fileName)).rejects.toThrow(/cannot be decrypted/);
    await expect(vault.load('../config.json')).rejects.toThrow(/Invalid key file name/);
    await expect(vault.save('../x', privateKey)).rejects.toThrow(/Invalid key id/);
  });
});
