import { describe, expect, it } from 'vitest';
import type { CommandLine, CommandOutcome } from '../../electron/gateway/command-runner';
import { formatCommandLine } from '../../electron/gateway/command-runner';
import { LyncDriver, lyncCmdlets, lyncCommands, parseLyncStatus } from '../../electron/gateway/lync-driver';
import { SystemdDriver, parseSystemctlShow, systemdCommands } from '../../electron/gateway/systemd-driver';
import { equivalentCommands } from '../../electron/gateway/gateway-service';
import { defaultGatewaySettings, gatewaySettingsSchema } from '../../shared/gateway/types';

function fakeRunner(answers: Record<string, Partial<CommandOutcome>> = {}) {
  const ran: CommandLine[] = [];
  const runner = async (command: CommandLine): Promise<CommandOutcome> => {
    ran.push(command);
    const key = Object.keys(answers).find((k) => formatCommandLine(command).includes(k));
    return { code: 0, stdout: '', stderr: '', ...(key ? answers[key] : {}) };
  };
  return { ran, runner };
}

describe('systemd driver', () => {
  it('builds systemctl and journalctl command lines', () => {
    expect(systemdCommands.start('prosody.service')).toEqual({ file: 'systemctl', args: ['start', 'prosody.service'] });
    expect(systemdCommands.stop('prosody.service')).toEqual({ file: 'systemctl', args: ['stop', 'prosody.service'] });
    expect(systemdCommands.restart('prosody.service')).toEqual({ file: 'systemctl', args: ['restart', 'prosody.service'] });
    expect(systemdCommands.reload('prosody.service')).toEqual({ file: 'systemctl', args: ['reload', 'prosody.service'] });
    expect(systemdCommands.status('xmpp@edge.service')).toEqual({
      file: 'systemctl',
      args: [
        'show',
        'xmpp@edge.service',
        '--no-pager',
        '--property=LoadState,ActiveState,SubState,MainPID,ExecMainStatus,StateChangeTimestamp',
      ],
    });
    expect(systemdCommands.logs('prosody.service', 50)).toEqual({
      file: 'journalctl',
      args: ['--unit', 'prosody.service', '--lines', '50', '--no-pager', '--output', 'short-iso'],
    });
  });

  it('reads systemctl show', () => {
    const show = (active: string, extra = '') =>
      `LoadState=loaded\nActiveState=${active}\nSubState=x\nMainPID=812\nExecMainStatus=3\nStateChangeTimestamp=Thu 2026-11-26 10:58:33 UTC\n${extra}`;
    expect(parseSystemctlShow(show('active'), 'prosody.service')).toEqual({
      state: 'running',
      pid: 812,
      since: '2026-11-26T10:58:33.000Z',
    });
    expect(parseSystemctlShow(show('activating'), 'u').state).toBe('starting');
    expect(parseSystemctlShow(show('deactivating'), 'u').state).toBe('stopping');
    expect(parseSystemctlShow(show('inactive'), 'u').state).toBe('stopped');
    expect(parseSystemctlShow(show('failed'), 'u')).toMatchObject({ state: 'crashed', exitCode: 3 });
    expect(parseSystemctlShow('LoadState=not-found\nActiveState=inactive\nMainPID=0', 'nope.service')).toMatchObject({
      state: 'not-installed',
      pid: null,
    });
  });

  it('runs every action through the one runner and refuses a failed command with its output', async () => {
    const { ran, runner } = fakeRunner({ 'systemctl stop': { code: 5, stderr: 'Unit prosody.service not loaded.' } });
    const driver = new SystemdDriver('prosody.service', { runner, target: () => null, log: () => {} });
    await driver.start();
    await expect(driver.stop()).rejects.toThrow(/exit code 5.*not loaded/);
    expect(ran.map(formatCommandLine)).toContain('systemctl start prosody.service');
    const missing = new SystemdDriver('prosody.service', {
      runner: async () => ({ code: null, stdout: '', stderr: '', missing: true }),
      target: () => null,
      log: () => {},
    });
    expect((await missing.status()).state).toBe('not-installed');
  });
});

describe('lync driver', () => {
  it('uses Get-CsWindowsService, Stop-CsWindowsService and Start-CsWindowsService with the service name', () => {
    expect(lyncCmdlets.status('RTCXMPPTGWPX')).toBe("Get-CsWindowsService -Name 'RTCXMPPTGWPX'");
    expect(lyncCmdlets.start('RTCXMPPTGWPX')).toBe("Start-CsWindowsService -Name 'RTCXMPPTGWPX'");
    expect(lyncCmdlets.stop("O'Brien svc")).toBe("Stop-CsWindowsService -Name 'O''Brien svc'");
    const start = lyncCommands.start('RTCXMPPTGWPX');
    expect(start.file).toBe('powershell.exe');
    expect(start.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command']);
    expect(start.args[5]).toMatch(/; Start-CsWindowsService -Name 'RTCXMPPTGWPX'$/);
    expect(lyncCommands.stop('RTCXMPPTGWPX').args[5]).toMatch(/; Stop-CsWindowsService -Name 'RTCXMPPTGWPX'$/);
    expect(lyncCommands.status('RTCXMPPTGWPX').args[5]).toContain("Get-CsWindowsService -Name 'RTCXMPPTGWPX' | Select-Object");
  });

  it('restarts as stop then start, and cannot reload', async () => {
    const { ran, runner } = fakeRunner();
    const driver = new LyncDriver('RTCXMPPTGWPX', { runner, target: () => null, log: () => {} });
    await driver.restart();
    const scripts = ran.map((command) => command.args[5]).filter((script) => /-CsWindowsService/.test(script) && !/Get-/.test(script));
    expect(scripts.map((script) => script.split('; ').pop())).toEqual([
      "Stop-CsWindowsService -Name 'RTCXMPPTGWPX'",
      "Start-CsWindowsService -Name 'RTCXMPPTGWPX'",
    ]);
    await expect(driver.reload()).rejects.toThrow(/restart it instead/);
  });

  it('reads Get-CsWindowsService output', () => {
    expect(parseLyncStatus('{"Name":"RTCXMPPTGWPX","Status":"Running","ActivityLevel":""}', 'RTCXMPPTGWPX').state).toBe('running');
    expect(parseLyncStatus('{"Name":"RTCXMPPTGWPX","Status":4}', 'x').state).toBe('running');
    expect(parseLyncStatus('{"Name":"RTCXMPPTGWPX","Status":"StopPending"}', 'x').state).toBe('stopping');
    expect(parseLyncStatus('{"Name":"RTCXMPPTGWPX","Status":"Stopped"}', 'x').state).toBe('stopped');
    expect(parseLyncStatus('', 'x').state).toBe('not-installed');
  });

  it('logs the equivalent edgewiz command and Lync cmdlets of each operation', () => {
    expect(equivalentCommands('restart', defaultGatewaySettings)).toEqual([
      'edgewiz gateway restart',
      "PS> Stop-CsWindowsService -Name 'RTCXMPPTGWPX'; Start-CsWindowsService -Name 'RTCXMPPTGWPX'",
    ]);
  });

  it('refuses unit and service names that could be read as options', () => {
    expect(gatewaySettingsSchema.safeParse({ ...defaultGatewaySettings, systemdUnit: '--now' }).success).toBe(false);
    expect(gatewaySettingsSchema.safeParse({ ...defaultGatewaySettings, windowsService: "x'; Remove-Item" }).success).toBe(false);
    expect(gatewaySettingsSchema.safeParse({ ...defaultGatewaySettings, s2sPort: 70000 }).success).toBe(false);
  });
});
