import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayStates, type GatewayState } from '../../shared/gateway/types';
import { buildTrayMenu, trayIconFile, type TrayMenuItem } from '../../electron/gateway/tray-menu';
import { gatewayMessages } from '../../renderer/src/gateway/messages';
import { addMessages, translator } from '../../renderer/src/i18n/translate';

// The tray shows the gateway feature's strings, which the desktop shell adds to the catalogs.
addMessages(gatewayMessages);

const en = translator('en');

const enabled = (items: TrayMenuItem[]) =>
  Object.fromEntries(items.flatMap((item) => (item.type === 'normal' && item.id !== 'state' ? [[item.id, item.enabled]] : [])));

describe('buildTrayMenu', () => {
  const expected: Record<GatewayState, { line: string; start: boolean; stop: boolean; restart: boolean; icon: string }> = {
    'not-installed': { line: 'Gateway: Not installed', start: false, stop: false, restart: false, icon: 'not-installed' },
    stopped: { line: 'Gateway: Stopped', start: true, stop: false, restart: false, icon: 'stopped' },
    starting: { line: 'Gateway: Starting', start: false, stop: false, restart: false, icon: 'busy' },
    running: { line: 'Gateway: Running (pid 42)', start: false, stop: true, restart: true, icon: 'running' },
    stopping: { line: 'Gateway: Stopping', start: false, stop: false, restart: false, icon: 'busy' },
    crashed: { line: 'Gateway: Crashed (exit code 1)', start: true, stop: false, restart: true, icon: 'crashed' },
  };

  for (const state of gatewayStates) {
    it(`has the state line, the actions and the icon for ${state}`, () => {
      const menu = buildTrayMenu(state, { t: en, pid: 42, exitCode: 1 });
      const want = expected[state];
      expect(menu.items[0]).toEqual({ type: 'normal', id: 'state', label: want.line, enabled: false });
      expect(enabled(menu.items)).toEqual({ start: want.start, stop: want.stop, restart: want.restart, open: true, quit: true });
      expect(menu.items.map((item) => (item.type === 'normal' ? item.label : '—'))).toEqual([
        want.line,
        '—',
        'Start',
        'Stop',
        'Restart gateway',
        '—',
        'Open Edge Wizard',
        'Quit',
      ]);
      expect(menu.icon).toBe(want.icon);
      expect(menu.tooltip).toBe(`Edge Wizard — ${want.line}`);
    });
  }

  it('names a certificate that expires within 30 days, and only then', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const line = (expiry: string) =>
      (buildTrayMenu('running', { t: en, certificateExpiry: expiry, now }).items[0] as { label: string }).label;
    expect(line('2026-12-08T12:00:00Z')).toBe('Gateway: Running (certificate expires in 12 days)');
    expect(line('2026-11-27T13:00:00Z')).toBe('Gateway: Running (certificate expires in 1 day)');
    expect(line('2026-11-20T00:00:00Z')).toBe('Gateway: Running (certificate expired)');
    expect(line('2027-03-01T00:00:00Z')).toBe('Gateway: Running');
    expect(
      (buildTrayMenu('stopped', { t: translator('ko'), certificateExpiry: '2026-12-01T12:00:00Z', now }).items[0] as { label: string })
        .label,
    ).toBe('게이트웨이: 중지됨 (인증서가 5일 후 만료됨)');
  });

  it('renders every line from the catalogs of the language it is given', () => {
    const ko = buildTrayMenu('running', { t: translator('ko'), pid: 42 });
    expect(ko.items.map((item) => (item.type === 'normal' ? item.label : '—'))).toEqual([
      '게이트웨이: 실행 중 (PID 42)',
      '—',
      '시작',
      '중지',
      '게이트웨이 다시 시작',
      '—',
      'Edge Wizard 열기',
      '종료',
    ]);
    // Every string comes through the translator: a marking one shows no text of its own.
    const marked = buildTrayMenu('crashed', {
      t: (key, vars) => `<${key}${vars ? ` ${Object.values(vars).join(' ')}` : ''}>`,
      exitCode: 3,
      certificateExpiry: '2026-12-01T00:00:00Z',
      now: new Date('2026-11-30T00:00:00Z'),
      renewal: { next: { name: 'E', at: '2027-01-01T00:00:00Z' }, failure: { name: 'E', message: 'm', nextAttempt: null } },
    });
    const labels = marked.items.flatMap((item) => (item.type === 'normal' ? [item.label] : []));
    const unmarked = (text: string): string => (/<[^<>]*>/.test(text) ? unmarked(text.replace(/<[^<>]*>/g, '')) : text);
    for (const label of [...labels, ...marked.tooltip.split('\n')])
      expect(
        unmarked(label)
          .replace('Edge Wizard', '')
          .replace(/[\s(),—:]/g, ''),
      ).toBe('');
  });

  it('has an icon file for every state on every platform', () => {
    const dir = join(import.meta.dirname, '..', '..', 'assets', 'tray');
    for (const state of gatewayStates) {
      for (const platform of ['linux', 'darwin', 'win32'] as const) {
        const file = trayIconFile(state, platform);
        expect(existsSync(join(dir, file)), file).toBe(true);
        if (platform !== 'win32') expect(existsSync(join(dir, file.replace('.png', '@2x.png'))), file).toBe(true);
      }
    }
    expect(trayIconFile('starting', 'darwin')).toBe('tray-busyTemplate.png');
    expect(trayIconFile('crashed', 'win32')).toBe('tray-crashed.ico');
  });
});
