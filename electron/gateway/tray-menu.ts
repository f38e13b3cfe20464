import type { GatewayState } from '../../shared/gateway/types';

/** Tray icon variants: one per state, the two transitions sharing one. */
export type TrayIconKind = 'running' | 'stopped' | 'busy' | 'crashed' | 'not-installed';

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

export interface TrayMenuOptions {
  /** notAfter of the gateway's certificate (ISO), when one is assigned. */
  certificateExpiry?: string | null;
  now?: Date;
  locale?: 'en' | 'ko';
  pid?: number | null;
  exitCode?: number | null;
  /** ACME renewals: the next one due and the latest failure (its text already in the locale). */
  renewal?: TrayRenewal | null;
}

export interface TrayRenewal {
  next: { name: string; at: string } | null;
  failure: { name: string; message: string; nextAttempt: string | null } | null;
  /** What a pending DANE key rollover waits for, in the locale. */
  rollover?: string | null;
}

const DAY = 24 * 60 * 60 * 1000;

const strings = {
  en: {
    gateway: 'Gateway',
    state: {
      'not-installed': 'Not installed',
      stopped: 'Stopped',
      starting: 'Starting…',
      running: 'Running',
      stopping: 'Stopping…',
      crashed: 'Crashed',
    } satisfies Record<GatewayState, string>,
    pid: (pid: number) => `pid ${pid}`,
    exit: (code: number) => `exit code ${code}`,
    expires: (days: number) =>
      days <= 0 ? 'certificate expired' : days === 1 ? 'certificate expires in 1 day' : `certificate expires in ${days} days`,
    start: 'Start',
    stop: 'Stop',
    restart: 'Restart gateway',
    open: 'Open Edge Wizard',
    quit: 'Quit',
    renewal: (name: string, date: string) => `Next renewal: ${name} on ${date}`,
    renewalFailed: (name: string, message: string, retry: string | null) =>
      `Renewal of ${name} failed: ${message}${retry ? ` (retry ${retry})` : ''}`,
  },
  ko: {
    gateway: '게이트웨이',
    state: {
      'not-installed': '설치되지 않음',
      stopped: '중지됨',
      starting: '시작하는 중…',
      running: '실행 중',
      stopping: '중지하는 중…',
      crashed: '비정상 종료됨',
    } satisfies Record<GatewayState, string>,
    pid: (pid: number) => `PID ${pid}`,
    exit: (code: number) => `종료 코드 ${code}`,
    expires: (days: number) => (days <= 0 ? '인증서가 만료됨' : `인증서가 ${days}일 후 만료됨`),
    start: '시작',
    stop: '중지',
    restart: '게이트웨이 다시 시작',
    open: 'Edge Wizard 열기',
    quit: '종료',
    renewal: (name: string, date: string) => `다음 갱신: ${name}, ${date}`,
    renewalFailed: (name: string, message: string, retry: string | null) =>
      `${name} 갱신 실패: ${message}${retry ? ` (재시도 ${retry})` : ''}`,
  },
};

export function trayIconKind(state: GatewayState): TrayIconKind {
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
export function buildTrayMenu(state: GatewayState, options: TrayMenuOptions = {}): TrayMenu {
  const t = strings[options.locale ?? 'en'];
  const details: string[] = [];
  if (state === 'running' && options.pid) details.push(t.pid(options.pid));
  if (state === 'crashed' && options.exitCode !== undefined && options.exitCode !== null) details.push(t.exit(options.exitCode));
  if (options.certificateExpiry) {
    const days = daysLeft(options.certificateExpiry, options.now ?? new Date());
    if (days <= 30) details.push(t.expires(days));
  }
  const stateLine = `${t.gateway}: ${t.state[state]}${details.length ? ` (${details.join(', ')})` : ''}`;
  const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  const renewal = options.renewal;
  const failureLine = renewal?.failure
    ? t.renewalFailed(renewal.failure.name, renewal.failure.message, renewal.failure.nextAttempt ? when(renewal.failure.nextAttempt) : null)
    : null;
  const renewalItems: TrayMenuItem[] = [
    ...(renewal?.next
      ? [
          {
            type: 'normal' as const,
            id: 'renewal' as const,
            label: t.renewal(renewal.next.name, renewal.next.at.slice(0, 10)),
            enabled: false,
          },
        ]
      : []),
    ...(failureLine ? [{ type: 'normal' as const, id: 'renewal-failed' as const, label: failureLine, enabled: false }] : []),
    ...(renewal?.rollover ? [{ type: 'normal' as const, id: 'renewal-rollover' as const, label: renewal.rollover, enabled: false }] : []),
  ];
  return {
    icon: trayIconKind(state),
    tooltip: `Edge Wizard — ${stateLine}${failureLine ? `\n${failureLine}` : ''}`,
    items: [
      { type: 'normal', id: 'state', label: stateLine, enabled: false },
      ...renewalItems,
      { type: 'separator' },
      { type: 'normal', id: 'start', label: t.start, enabled: state === 'stopped' || state === 'crashed' },
      { type: 'normal', id: 'stop', label: t.stop, enabled: state === 'running' },
      { type: 'normal', id: 'restart', label: t.restart, enabled: state === 'running' || state === 'crashed' },
      { type: 'separator' },
      { type: 'normal', id: 'open', label: t.open, enabled: true },
      { type: 'normal', id: 'quit', label: t.quit, enabled: true },
    ],
  };
}
