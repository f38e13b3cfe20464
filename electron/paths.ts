import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

const PRODUCT_NAME = 'Edge Wizard';

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

/** The gateway's TLS files under a data folder: what Assign writes and the gateway and DNS read. */
export interface GatewayTlsPaths {
  dir: string;
  certificate: string;
  key: string;
}

export function gatewayTlsPaths(dataDir: string): GatewayTlsPaths {
  const dir = join(dataDir, 'gateway', 'tls');
  return { dir, certificate: join(dir, 'gateway.crt'), key: join(dir, 'gateway.key') };
}

/** --data-dir, else EDGEWIZ_DATA_DIR, else the desktop app's own folder. */
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

export interface FolderProbe {
  isDirectory(path: string): boolean;
  readText(path: string): string | null;
}

const realProbe: FolderProbe = {
  isDirectory: (path) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  readText: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
};

/** XDG_DOCUMENTS_DIR from user-dirs.dirs (what file managers call "Documents", localized or moved). */
function xdgDocumentsDir(env: NodeJS.ProcessEnv, home: string, probe: FolderProbe): string | null {
  const text = probe.readText(join(env.XDG_CONFIG_HOME || join(home, '.config'), 'user-dirs.dirs'));
  const match = text?.match(/^\s*XDG_DOCUMENTS_DIR\s*=\s*"([^"]*)"/m);
  if (!match) return null;
  const path = match[1].replace(/^\$HOME(?=\/|$)/, home);
  return path.startsWith('/') ? path : null;
}

/**
 * The user's Documents folder (where the wizard proposes to save a request), else the home
 * folder. Electron's app.getPath('documents') without Electron.
 */
export function documentsDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
  probe: FolderProbe = realProbe,
): string {
  const candidates: string[] = [];
  if (platform === 'win32') candidates.push(win32.join(env.USERPROFILE || home, 'Documents'));
  else {
    if (platform !== 'darwin') {
      const xdg = xdgDocumentsDir(env, home, probe);
      if (xdg) candidates.push(xdg);
    }
    candidates.push(join(home, 'Documents'));
  }
  return candidates.find((path) => probe.isDirectory(path)) ?? home;
}
