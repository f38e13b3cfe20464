import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}
const importsElectron = (text: string) => /(from\s+|import\s*\(|require\()\s*['"]electron(-store)?['"]/.test(text);

describe('architecture', () => {
  it("imports 'electron' only in the thin shell", () => {
    const offenders = ['electron', 'renderer', 'shared']
      .flatMap(sources)
      .filter((file) => !file.startsWith(join('electron', 'shell')) && importsElectron(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
    const shell = sources(join('electron', 'shell'));
    expect(shell.length).toBeLessThanOrEqual(8);
    expect(
      shell
        .filter((file) => importsElectron(readFileSync(join(root, file), 'utf8')))
        .map((f) => relative('electron', f))
        .sort(),
    ).toEqual([
      'shell/electron-store-backing.ts',
      'shell/ipc.ts',
      'shell/main.ts',
      'shell/preload.ts',
      'shell/safe-storage.ts',
      'shell/tray.ts',
    ]);
  });

  it('keeps Node APIs out of shared/ and renderer/', () => {
    const offenders = ['shared', 'renderer']
      .flatMap(sources)
      .filter((file) => /from\s+['"]node:/.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
