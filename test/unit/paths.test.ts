import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../electron/paths';

describe('data directory', () => {
  it("matches Electron's userData folder on each platform", () => {
    expect(defaultDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.config/Edge Wizard');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ann')).toBe('/xdg/Edge Wizard');
    expect(defaultDataDir('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Edge Wizard');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Edge Wizard',
    );
  });

  it('prefers --data-dir, then EDGEWIZ_DATA_DIR', () => {
    expect(resolveDataDir('/flag', { EDGEWIZ_DATA_DIR: '/env' })).toBe('/flag');
    expect(resolveDataDir(undefined, { EDGEWIZ_DATA_DIR: '/env' })).toBe('/env');
  });
});
