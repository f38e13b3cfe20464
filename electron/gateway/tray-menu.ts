import type { GatewayState, TrayRenewal } from '../../shared/gateway/types';

/** Tray icon variants: one per state, the two transitions sharing one. */
type TrayIconKind = 'running' | 'stopped' | 'busy' | 'crashed' | 'not-installed';

export type TrayAction = 'start' | 'stop' | 'restart' | 'open' | 'quit';

/** A plain menu template (what Electron's Menu.buildFromTemplate takes, minus the click handlers). */
export type TrayMenuItem =
  | { type: 'normal'; id: TrayAction | 'state' | 'renewal' | 'renewal-failed' | 'renewal-rollover'; label: string; enabled: boolean }
  | { type: 'separator' };

export interface TrayMenu {
  icon: TrayIconKind;
  tooltip: string;
  items: TrayMenuItem[];
}

type TrayWord = 'state' | 'pid' | 'exit' | 'expired' | 'expiresTomorrow' | 'expires' | 'restart' | 'open' | 'quit';
type TrayRenewalWord = 'renewal' | 'renewalFailed' | 'renewalFailedRetry';
/** The catalog keys the tray shows; the desktop shell passes the UI's translator in the admin's language. */
type TrayMessageKey = `gw.tray.${TrayWord | TrayRenewalWord}` | `gw.state.${GatewayState}` | 'gw.start' | 'gw.stop';

type TrayTranslate = (key: TrayMessageKey, vars?: Record<string, string | number>) => string;

export interface TrayMenuOptions {
  /** Renders the tray's strings from the UI's catalogs, in the admin's language. */
  t: TrayTranslate;
  /** notAfter of the gateway's certificate (ISO), when one is assigned. */
  certificateExpiry?: string | null;
  now?: Date;
  pid?: number | null;
  exitCode?: number | null;
  /** ACME renewals: the next one due and the latest failure (its text already in the admin's language). */
  renewal?: TrayRenewal | null;
}

const DAY = 24 * 60 * 60 * 1000;

function trayIconKind(state: GatewayState): TrayIconKind {
  if (state === 'starting' || state === 'stopping') return 'busy';
  return state;
}

/** The icon file for a state on a platform: Template images on macOS, .ico on Windows, PNG elsewhere. */
export function trayIconFile(state: GatewayState, platform: NodeJS.Platform): string {
  const kind = trayIconKind(state);
  if (platform === 'darwin') return `tray-${kind}Template.png`;
  if (platform === 'win32') return `tray-${kind}.ico`;
  return `tray-${kind}.png`;
}

/** Days until `iso`, rounded down; negative once past. */
function daysLeft(iso: string, now: Date): number {
  return Math.floor((new Date(iso).getTime() - now.getTime()) / DAY);
}

/**
 * The tray's menu for a gateway state: a state line, Start / Stop / Restart (each enabled only
 * when it makes sense), Open Edge Wizard and Quit. A certificate expiring within 30 days is
 * named on the state line.
 */
export function buildTrayMenu(state: GatewayState, options: TrayMenuOptions): TrayMenu {
  const { t } = options;
  const details: string[] = [];
  if (state === 'running' && options.pid) details.push(t('gw.tray.pid', { pid: options.pid }));
  if (state === 'crashed' && options.exitCode !== undefined && options.exitCode !== null)
    details.push(t('gw.tray.exit', { code: options.exitCode }));
  if (options.certificateExpiry) {
    const days = daysLeft(options.certificateExpiry, options.now ?? new Date());
    if (days <= 30)
      details.push(days <= 0 ? t('gw.tray.expired') : days === 1 ? t('gw.tray.expiresTomorrow') : t('gw.tray.expires', { days }));
  }
  const stateLine = `${t('gw.tray.state', { state: t(`gw.state.${state}`) })}${details.length ? ` (${details.join(', ')})` : ''}`;
  const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  const renewal = options.renewal;
  const failure = renewal?.failure;
  const failureLine = failure
    ? failure.nextAttempt
      ? t('gw.tray.renewalFailedRetry', { name: failure.name, message: failure.message, when: when(failure.nextAttempt) })
      : t('gw.tray.renewalFailed', { name: failure.name, message: failure.message })
    : null;
  const renewalItems: TrayMenuItem[] = [
    ...(renewal?.next
      ? [
          {
            type: 'normal' as const,
            id: 'renewal' as const,
            label: t('gw.tray.renewal', { name: renewal.next.name, date: renewal.next.at.slice(0, 10) }),
            enabled: false,
          },
        ]
      : []),
    ...(failureLine ? [{ type: 'normal' as const, id: 'renewal-failed' as const, label: failureLine, enabled: false }] : []),
    ...(renewal?.rollover ? [{ type: 'normal' as const, id: 'renewal-rollover' as const, label: renewal.rollover, enabled: false }] : []),
  ];
  return {
    icon: trayIconKind(state),
    // The product's name stays as it is in every language.
    tooltip: `Edge Wizard — ${stateLine}${failureLine ? `\n${failureLine}` : ''}`,
    items: [
      { type: 'normal', id: 'state', label: stateLine, enabled: false },
      ...renewalItems,
      { type: 'separator' },
      { type: 'normal', id: 'start', label: t('gw.start'), enabled: state === 'stopped' || state === 'crashed' },
      { type: 'normal', id: 'stop', label: t('gw.stop'), enabled: state === 'running' },
      { type: 'normal', id: 'restart', label: t('gw.tray.restart'), enabled: state === 'running' || state === 'crashed' },
      { type: 'separator' },
      { type: 'normal', id: 'open', label: t('gw.tray.open'), enabled: true },
      { type: 'normal', id: 'quit', label: t('gw.tray.quit'), enabled: true },
    ],
  };
}
