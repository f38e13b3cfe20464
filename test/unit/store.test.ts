import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppStore, type BackingFactory } from '../../electron/store/app-store';
import { STORE_VERSION } from '../../electron/store/schema';
import { confBacking } from '../../electron/store/conf-backing';
import { memoryCore, sampleTopology, tempDir } from '../support/core';

const configFile = (dir: string) => join(dir, 'config.json');
const asideFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('config.corrupt-'));

describe('store', () => {
  it('is created lazily: building the core writes nothing', () => {
    const dir = tempDir();
    memoryCore(dir);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('persists across restarts, in a 0600 file', async () => {
    const dir = tempDir();
    const first = memoryCore(dir);
    await first.client.call('topology.set', { topology: sampleTopology });
    expect(statSync(configFile(dir)).mode & 0o777).toBe(0o600);
    const second = memoryCore(dir);
    expect(await second.client.call('topology.get', {})).toMatchObject({ accessEdgeFqdn: 'sip.contoso.com' });
  });

  it('moves an unparsable file aside, keeps it byte for byte, reports it and starts on defaults', async () => {
    const dir = tempDir();
    const garbage = '{"topology": {"sipDomains": ["contoso.com"], '; // truncated write
    writeFileSync(configFile(dir), garbage);
    const { client, log } = memoryCore(dir);

    const status = await client.call('app.status', {});
    expect(status.storeRecovery).not.toBeNull();
    expect(status.storeRecovery!.reason).toMatch(/not valid JSON/);
    const aside = asideFiles(dir);
    expect(aside).toHaveLength(1);
    expect(status.storeRecovery!.movedTo).toBe(join(dir, aside[0]));
    expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe(garbage);
    expect(log.join('\n')).toContain(aside[0]);
    expect(await client.call('topology.get', {})).toBeNull();
    expect(await client.call('settings.get', {})).toEqual({ locale: 'system', theme: 'system' });
  });

  it('moves a schema-invalid file aside too', async () => {
    const dir = tempDir();
    writeFileSync(configFile(dir), JSON.stringify({ settings: { locale: 'fr', theme: 'system' }, topology: null }));
    const { client } = memoryCore(dir);
    const status = await client.call('app.status', {});
    expect(status.storeRecovery?.reason).toMatch(/settings\.locale/);
    expect(asideFiles(dir)).toHaveLength(1);
    await client.call('settings.update', { theme: 'dark' });
    expect(JSON.parse(readFileSync(configFile(dir), 'utf8')).settings).toEqual({ locale: 'system', theme: 'dark' });
  });

  it('keeps a good file untouched and reports no recovery', async () => {
    const dir = tempDir();
    await memoryCore(dir).client.call('settings.update', { locale: 'ko' });
    const { client } = memoryCore(dir);
    expect((await client.call('app.status', {})).storeRecovery).toBeNull();
    expect(asideFiles(dir)).toEqual([]);
  });

  it('migrates a store written before the wizard state existed', () => {
    const dir = tempDir();
    writeFileSync(configFile(dir), JSON.stringify({ settings: { locale: 'en', theme: 'light' }, topology: null }));
    const store = new AppStore(dir, confBacking);
    expect(store.get('wizard')).toEqual({ certificateTaskCompleted: false });
    expect(store.get('settings')).toEqual({ locale: 'en', theme: 'light' });
    expect(store.recovery).toBeNull();
  });

  it('reads and writes a current file without the store library, in the format conf writes; other files open it', () => {
    const dir = tempDir();
    new AppStore(dir, confBacking).set('settings', { locale: 'ko', theme: 'dark' });
    let opened = 0;
    const counting: BackingFactory = (options) => {
      opened++;
      return confBacking(options);
    };

    const store = new AppStore(dir, counting);
    expect(store.get('settings')).toEqual({ locale: 'ko', theme: 'dark' });
    store.set('topology', sampleTopology);
    expect(opened).toBe(0);
    const text = readFileSync(configFile(dir), 'utf8');
    const saved = JSON.parse(text) as { topology: unknown; settings: unknown; __internal__: { migrations: { version: string } } };
    expect(text).toBe(JSON.stringify(saved, undefined, '\t'));
    expect(saved.__internal__.migrations.version).toBe(STORE_VERSION);
    expect(saved.settings).toEqual({ locale: 'ko', theme: 'dark' });
    expect(saved.topology).toEqual(sampleTopology);
    expect(statSync(configFile(dir)).mode & 0o777).toBe(0o600);
    // The library reads what was written as its own.
    expect(new AppStore(dir, confBacking).get('topology')).toEqual(sampleTopology);

    // A file from an older store version is migrated by the library.
    writeFileSync(configFile(dir), JSON.stringify({ ...saved, __internal__: { migrations: { version: '1.2.0' } } }), { mode: 0o600 });
    expect(new AppStore(dir, counting).get('topology')).toEqual(sampleTopology);
    expect(opened).toBe(1);
  });

  it('refuses a write it cannot make and keeps the previous file whole', async () => {
    const dir = tempDir();
    const { client } = memoryCore(dir);
    await client.call('topology.set', { topology: sampleTopology });
    const before = readFileSync(configFile(dir), 'utf8');
    lockDirectory(dir, true);
    try {
      await expect(client.call('settings.update', { theme: 'dark' })).rejects.toMatchObject({
        code: 'refused',
        message: expect.stringContaining(configFile(dir)),
      });
    } finally {
      lockDirectory(dir, false);
    }
    expect(readFileSync(configFile(dir), 'utf8')).toBe(before);
  });
});

/** Makes a folder unwritable even for root (the immutable attribute), so a save must fail. */
function lockDirectory(dir: string, locked: boolean): void {
  if (process.getuid?.() === 0) execFileSync('chattr', [locked ? '+i' : '-i', dir]);
  else chmodSync(dir, locked ? 0o500 : 0o700);
}
