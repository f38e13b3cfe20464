import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRODUCT_NAME = 'Edge Wizard';

/** Electron's userData folder for this app (appData + product name), computed without Electron. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

/** --data-dir, else EDGEWIZ_DATA_DIR, else the desktop app's own folder (SPEC §9). */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.EDGEWIZ_DATA_DIR || defaultDataDir(process.platform, env);
}

/** The built renderer (dist/renderer), found by walking up from wherever this module runs. */
export function findUiRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'dist', 'renderer', 'index.html'))) return join(dir, 'dist', 'renderer');
    if (dirname(dir) === dir) return null;
  }
}
