import { dirname, join } from 'node:path';
import { partnerModulePath } from './gateway/gateway-service';

/**
 * Every file the desktop app's main process reads at run time, relative to the app root (where
 * package.json is). `external`: read by another program (Prosody), which cannot look inside
 * app.asar, so electron-builder must unpack it. A test checks electron-builder.yml covers them.
 */
export const MAIN_PROCESS_RESOURCES = [
  { path: 'dist/electron/main.js', external: false },
  { path: 'dist/electron/preload.cjs', external: false },
  { path: 'dist/renderer/index.html', external: false },
  { path: 'assets/tray', external: false },
  { path: 'dist/partners/prosody/mod_edgewiz_partners.lua', external: true },
] as const;

/** Where the main process (dist/electron/main.js, `mainDir`) finds them. */
export function mainProcessPaths(mainDir: string) {
  const root = dirname(dirname(mainDir));
  return {
    uiRoot: join(mainDir, '..', 'renderer'),
    preload: join(mainDir, 'preload.cjs'),
    trayAssets: join(root, 'assets', 'tray'),
    partnerModule: partnerModulePath(mainDir),
  };
}
