import type { CommandLine, CommandOutcome } from './command-runner';
import { CommandDriver, type CommandDriverOptions } from './command-driver';
import type { DriverSnapshot } from './driver';

/** A PowerShell single-quoted string literal. */
const psQuote = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** The Lync Server cmdlets for the XMPP gateway service, as an admin would type them. */
export const lyncCmdlets = {
  status: (service: string) => `Get-CsWindowsService -Name ${psQuote(service)}`,
  start: (service: string) => `Start-CsWindowsService -Name ${psQuote(service)}`,
  stop: (service: string) => `Stop-CsWindowsService -Name ${psQuote(service)}`,
};

/** Runs a Lync Management Shell script with Windows PowerShell, non-interactively. */
function powershell(script: string): CommandLine {
  return {
    file: 'powershell.exe',
    args: [
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-Command',
      `$ErrorActionPreference = 'Stop'; Import-Module Lync -ErrorAction SilentlyContinue; ${script}`,
    ],
  };
}

/** The command lines of the Lync driver (pure: unit tests read them). */
export const lyncCommands = {
  status: (service: string): CommandLine =>
    powershell(
      `${lyncCmdlets.status(service)} | Select-Object Name, @{ Name = 'Status'; Expression = { [string]$_.Status } }, ActivityLevel | ConvertTo-Json -Compress`,
    ),
  start: (service: string): CommandLine => powershell(lyncCmdlets.start(service)),
  stop: (service: string): CommandLine => powershell(lyncCmdlets.stop(service)),
  logs: (lines: number): CommandLine =>
    powershell(
      `Get-WinEvent -LogName 'Lync Server' -MaxEvents ${lines} | Sort-Object TimeCreated | ForEach-Object { '{0:s} {1} {2}' -f $_.TimeCreated, $_.LevelDisplayName, ($_.Message -replace '\\s+', ' ') }`,
    ),
};

/** Get-CsWindowsService's JSON as the gateway's state. */
export function parseLyncStatus(json: string, service: string): DriverSnapshot {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.trim() || 'null');
  } catch {
    return {
      state: 'stopped',
      pid: null,
      since: null,
      message: `Unexpected answer from Get-CsWindowsService: ${json.trim().slice(0, 200)}`,
      coded: { reason: 'gateway.lync-unexpected', params: { answer: json.trim().slice(0, 200) } },
    };
  }
  const entry = (Array.isArray(parsed) ? parsed[0] : parsed) as { Status?: string | number } | null;
  if (!entry)
    return {
      state: 'not-installed',
      pid: null,
      since: null,
      message: `Lync Server has no service named ${service}.`,
      coded: { reason: 'gateway.lync-no-service', params: { service } },
    };
  const numeric: Record<number, string> = {
    1: 'Stopped',
    2: 'StartPending',
    3: 'StopPending',
    4: 'Running',
    5: 'ContinuePending',
    6: 'PausePending',
    7: 'Paused',
  };
  const status = typeof entry.Status === 'number' ? numeric[entry.Status] : entry.Status;
  switch (status) {
    case 'Running':
      return { state: 'running', pid: null, since: null };
    case 'StartPending':
    case 'ContinuePending':
      return { state: 'starting', pid: null, since: null };
    case 'StopPending':
    case 'PausePending':
      return { state: 'stopping', pid: null, since: null };
    default:
      return {
        state: 'stopped',
        pid: null,
        since: null,
        ...(status && status !== 'Stopped'
          ? { message: `${service} is ${status}.`, coded: { reason: 'gateway.lync-status', params: { service, status } } }
          : {}),
      };
  }
}

export class LyncDriver extends CommandDriver {
  readonly kind = 'lync' as const;

  constructor(
    private readonly service: string,
    options: CommandDriverOptions,
  ) {
    super(options);
  }

  protected statusCommand() {
    return lyncCommands.status(this.service);
  }
  protected parseStatus(outcome: CommandOutcome): DriverSnapshot {
    if (outcome.code !== 0) {
      const detail = outcome.stderr.trim();
      if (/not recognized|CommandNotFoundException/i.test(detail)) {
        return {
          state: 'not-installed',
          pid: null,
          since: null,
          message:
            'Get-CsWindowsService is not available: run Edge Wizard on the Lync Server edge, where the Lync Server Management Shell is installed.',
          coded: { reason: 'gateway.lync-no-shell' },
        };
      }
      return {
        state: 'not-installed',
        pid: null,
        since: null,
        message: detail || `Get-CsWindowsService failed for ${this.service}.`,
        coded: { reason: 'gateway.lync-status-failed', params: { service: this.service, detail: detail || '—' } },
      };
    }
    return parseLyncStatus(outcome.stdout, this.service);
  }
  protected startCommand() {
    return lyncCommands.start(this.service);
  }
  protected stopCommand() {
    return lyncCommands.stop(this.service);
  }
  protected restartCommands() {
    // Lync has no restart cmdlet: stop, then start (seed step 17).
    return [lyncCommands.stop(this.service), lyncCommands.start(this.service)];
  }
  protected reloadCommand() {
    return null;
  }
  protected logsCommand(lines: number) {
    return lyncCommands.logs(lines);
  }
  protected notInstalled() {
    return {
      message: 'Windows PowerShell is not available: the Lync driver runs on the Lync Server edge (Windows).',
      coded: { reason: 'gateway.no-powershell' },
    };
  }
}
