import type { CommandLine, CommandOutcome } from './command-runner';
import { CommandDriver, type CommandDriverOptions } from './command-driver';
import type { DriverSnapshot } from './driver';

/** The command lines of the systemd driver (pure: unit tests read them). */
export const systemdCommands = {
  status: (unit: string): CommandLine => ({
    file: 'systemctl',
    args: ['show', unit, '--no-pager', '--property=LoadState,ActiveState,SubState,MainPID,ExecMainStatus,StateChangeTimestamp'],
  }),
  start: (unit: string): CommandLine => ({ file: 'systemctl', args: ['start', unit] }),
  stop: (unit: string): CommandLine => ({ file: 'systemctl', args: ['stop', unit] }),
  restart: (unit: string): CommandLine => ({ file: 'systemctl', args: ['restart', unit] }),
  reload: (unit: string): CommandLine => ({ file: 'systemctl', args: ['reload', unit] }),
  logs: (unit: string, lines: number): CommandLine => ({
    file: 'journalctl',
    args: ['--unit', unit, '--lines', String(lines), '--no-pager', '--output', 'short-iso'],
  }),
};

/** "Thu 2026-11-26 10:58:33 UTC" (systemctl show) as ISO, when it can be read. */
function systemdTimestamp(value: string | undefined): string | null {
  const match = value ? /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?: (UTC|[+-]\d{2}:?\d{2}))?/.exec(value) : null;
  if (!match) return null;
  const zone = !match[3] || match[3] === 'UTC' ? 'Z' : match[3];
  const date = new Date(`${match[1]}T${match[2]}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `systemctl show` output as the gateway's state. */
export function parseSystemctlShow(text: string, unit: string): DriverSnapshot {
  const props: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) props[line.slice(0, eq)] = line.slice(eq + 1);
  }
  const pid = Number(props.MainPID) > 0 ? Number(props.MainPID) : null;
  const since = systemdTimestamp(props.StateChangeTimestamp);
  if (props.LoadState === 'not-found') {
    return {
      state: 'not-installed',
      pid: null,
      since: null,
      message: `There is no systemd unit ${unit} on this machine. Install the gateway's package, or set the unit name with: edgewiz gateway configure --unit NAME`,
      coded: { reason: 'gateway.unit-missing', params: { unit } },
    };
  }
  switch (props.ActiveState) {
    case 'active':
    case 'reloading':
      return { state: 'running', pid, since };
    case 'activating':
      return { state: 'starting', pid, since };
    case 'deactivating':
      return { state: 'stopping', pid, since };
    case 'failed': {
      const exitCode = props.ExecMainStatus !== undefined && props.ExecMainStatus !== '' ? Number(props.ExecMainStatus) : null;
      return {
        state: 'crashed',
        pid: null,
        since,
        exitCode,
        message: `${unit} failed (${props.SubState ?? 'failed'}${exitCode !== null ? `, exit code ${exitCode}` : ''}).`,
        coded: { reason: 'gateway.unit-failed', params: { unit, state: props.SubState ?? 'failed', code: exitCode ?? '—' } },
      };
    }
    default:
      return { state: 'stopped', pid: null, since };
  }
}

export class SystemdDriver extends CommandDriver {
  readonly kind = 'systemd' as const;

  constructor(
    private readonly unit: string,
    options: CommandDriverOptions,
  ) {
    super(options);
  }

  protected statusCommand() {
    return systemdCommands.status(this.unit);
  }
  protected parseStatus(outcome: CommandOutcome) {
    return parseSystemctlShow(outcome.stdout, this.unit);
  }
  protected startCommand() {
    return systemdCommands.start(this.unit);
  }
  protected stopCommand() {
    return systemdCommands.stop(this.unit);
  }
  protected restartCommands() {
    return [systemdCommands.restart(this.unit)];
  }
  protected reloadCommand() {
    return systemdCommands.reload(this.unit);
  }
  protected logsCommand(lines: number) {
    return systemdCommands.logs(this.unit, lines);
  }
  protected notInstalled() {
    return {
      message: 'systemctl is not available on this machine: the systemd driver needs a Linux system run by systemd.',
      coded: { reason: 'gateway.no-systemctl' },
    };
  }
}
