import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, nativeTheme, protocol, session, shell } from 'electron';
import { createCore } from '../core/core';
import { mainProcessPaths } from '../resources';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  contentTypeFor,
  isExternalLinkAllowed,
  isNavigationAllowed,
  mainWindowOptions,
  resolveUiAsset,
  securityHeaders,
} from '../security';
import { electronStoreBacking } from './electron-store-backing';
import { attachIpc } from './ipc';
import { CustodySecretProvider } from '../certificates/custody';
import { SafeStorageSecretProvider } from './safe-storage';
import { rolloverRecheckMs, startRenewalScheduler } from '../acme/renewal-scheduler';
import type { RolloverStep } from '../../shared/dns/rollover';
import { attachTray } from './tray';

const resources = mainProcessPaths(dirname(fileURLToPath(import.meta.url)));
const uiRoot = resources.uiRoot;
const preloadPath = resources.preload;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let mainWindow: BrowserWindow | null = null;
/** Closing the window keeps the app in the tray; only Quit (tray or menu) ends it. */
let quitting = false;

function showMainWindow(): void {
  if (!mainWindow) {
    mainWindow = new BrowserWindow(mainWindowOptions(preloadPath, nativeTheme.shouldUseDarkColors));
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      mainWindow?.hide();
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    void mainWindow.loadURL(APP_ENTRY_URL);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showMainWindow);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalLinkAllowed(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);

    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveUiAsset(uiRoot, request.url);
      if (!file) return new Response('Not found', { status: 404 });
      try {
        const body = await readFile(file);
        return new Response(body, { headers: { ...securityHeaders(), 'Content-Type': contentTypeFor(file) } });
      } catch {
        return new Response('Not found', { status: 404 });
      }
    });

    const dataDir = process.env.EDGEWIZ_DATA_DIR || app.getPath('userData');
    const core = createCore({
      dataDir,
      host: 'electron',
      storeBacking: electronStoreBacking,
      // Unpacked from app.asar (Prosody reads it); a missing module makes the gateway refuse to start.
      partnerModule: resources.partnerModule,
      // The same custody as the CLI and serve (keychain, else master.key); safeStorage only for data dirs it set up before.
      secrets: new CustodySecretProvider(dataDir, {
        log: (message) => console.warn(message),
        safeStorage: new SafeStorageSecretProvider(dataDir),
      }),
      documentsDir: app.getPath('documents'),
      desktop: {
        chooseSavePath: async (defaultPath) => {
          const options = { defaultPath, filters: [{ name: 'Certificate request', extensions: ['req', 'csr', 'txt'] }] };
          const chosen = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
          return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
        },
        showItemInFolder: (path) => shell.showItemInFolder(path),
      },
    });
    attachIpc(core.server);
    attachTray({ core, assetsDir: resources.trayAssets, openWindow: showMainWindow, quit: () => app.quit() });
    // Through the RPC server, so the window and the tray hear of renewed certificates.
    const stopRenewals = startRenewalScheduler({
      renewDue: async () => {
        const outcome = await core.server.dispatch('acme.renewDue', {});
        if (!outcome.ok) throw new Error(outcome.error.message);
        return rolloverRecheckMs((outcome.result as { rollover: RolloverStep }).rollover, new Date());
      },
      log: (message) => console.warn(message),
    });
    app.once('will-quit', stopRenewals);
    showMainWindow();
  });

  app.on('before-quit', () => {
    quitting = true;
  });
  // The tray keeps the app (and its gateway manager) alive with no window open.
  app.on('window-all-closed', () => {});
  app.on('activate', showMainWindow);
}
