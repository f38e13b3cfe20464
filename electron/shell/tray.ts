import { join } from 'node:path';
import { app, Menu, nativeImage, Tray } from 'electron';
import type { Settings } from '../../shared/domain/settings';
import type { GatewayStatus, TrayRenewal } from '../../shared/gateway/types';
import { addMessages, resolveLocale, translator, type Locale } from '../../renderer/src/i18n/translate';
import { gatewayMessages } from '../../renderer/src/gateway/messages';
import { trayRenewal } from '../acme/renewal-scheduler';
import type { Core } from '../core/core';
import { buildTrayMenu, trayIconFile, type TrayAction } from '../gateway/tray-menu';

export interface TrayOptions {
  core: Core;
  assetsDir: string;
  openWindow: () => void;
  quit: () => void;
}

/**
 * The tray icon and menu: rebuilt from buildTrayMenu on every gateway state change, in the language
 * the admin chose in the app (or the system's), from the UI's own catalogs.
 */
// The tray's lines are the gateway feature's strings; the catalogs hold only the shell's until a feature adds its own.
addMessages(gatewayMessages);

export function attachTray({ core, assetsDir, openWindow, quit }: TrayOptions): () => void {
  const gateway = core.service('gateway');
  let last: GatewayStatus | null = null;
  let renewal: TrayRenewal | null = null;
  const localeOf = (settings: Settings): Locale => resolveLocale(settings.locale, [app.getLocale()]);
  let locale: Locale = 'en';
  const tray = new Tray(nativeImage.createFromPath(join(assetsDir, trayIconFile('stopped', process.platform))));

  const actions: Record<TrayAction, () => void> = {
    start: () => void gateway.then((g) => g.start()).catch(() => undefined),
    stop: () => void gateway.then((g) => g.stop()).catch(() => undefined),
    restart: () => void gateway.then((g) => g.restart()).catch(() => undefined),
    open: openWindow,
    quit,
  };

  const render = () => {
    if (!last) return;
    const menu = buildTrayMenu(last.state, {
      t: translator(locale),
      certificateExpiry: last.tls.certificate?.validTo ?? null,
      pid: last.pid,
      exitCode: last.exitCode ?? null,
      renewal,
    });
    tray.setImage(nativeImage.createFromPath(join(assetsDir, trayIconFile(last.state, process.platform))));
    tray.setToolTip(menu.tooltip);
    tray.setContextMenu(
      Menu.buildFromTemplate(
        menu.items.map((item) =>
          item.type === 'separator' ? item : { ...item, click: item.id in actions ? actions[item.id as TrayAction] : undefined },
        ),
      ),
    );
  };

  const refreshRenewal = () => {
    void core
      .service('acme')
      .then((acme) => {
        renewal = trayRenewal(acme.status(), locale);
        render();
      })
      .catch(() => undefined);
  };
  const stopEvents = core.server.subscribe((name, payload) => {
    if (name === 'settings.changed') {
      locale = localeOf(payload as Settings);
      return refreshRenewal();
    }
    if (name === 'certificates.changed' || name === 'acme.progress') return refreshRenewal();
    if (name !== 'gateway.state') return;
    last = payload as GatewayStatus;
    render();
  });
  void core.server.dispatch('settings.get', {}).then((outcome) => {
    if (outcome.ok) locale = localeOf(outcome.result as Settings);
    refreshRenewal();
  });
  void gateway
    .then((g) => g.status())
    .then((status) => {
      last = status;
      render();
    });
  tray.on('click', openWindow);
  // The certificate's days-to-expiry move on without any state change.
  const daily = setInterval(refreshRenewal, 60 * 60 * 1000);

  return () => {
    clearInterval(daily);
    stopEvents();
    tray.destroy();
  };
}
