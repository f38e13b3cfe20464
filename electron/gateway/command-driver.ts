import type { GatewayDriverKind } from '../../shared/gateway/types';
import { RpcError, type CodedMessage } from '../../shared/rpc/protocol';
import { formatCommandLine, type CommandLine, type CommandOutcome, type CommandRunner } from './command-runner';
import { Emitter, waitUntilHealthy, type DriverSnapshot, type GatewayDriver, type ProbeTarget } from './driver';

export interface CommandDriverOptions {
  runner: CommandRunner;
  /** Where to probe after a start; null when there is nothing to probe (no XMPP domain). */
  target: () => ProbeTarget | null;
  log: (line: string) => void;
  startTimeoutMs?: number;
  /** How often state is polled while someone listens (the service manager sees outside changes). */
  pollMs?: number;
}

/** A gateway run by the operating system's service manager: every action is a command line. */
export abstract class CommandDriver implements GatewayDriver {
  abstract readonly kind: GatewayDriverKind;
  protected readonly states = new Emitter<DriverSnapshot>();
  private readonly logs$ = new Emitter<string[]>();
  private last: DriverSnapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private transition: DriverSnapshot | null = null;

  constructor(protected readonly options: CommandDriverOptions) {}

  protected abstract statusCommand(): CommandLine;
  protected abstract parseStatus(outcome: CommandOutcome): DriverSnapshot;
  protected abstract startCommand(): CommandLine;
  protected abstract stopCommand(): CommandLine;
  protected abstract restartCommands(): CommandLine[];
  protected abstract reloadCommand(): CommandLine | null;
  protected abstract logsCommand(lines: number): CommandLine;
  protected abstract notInstalled(): { message: string; coded: CodedMessage };

  protected async run(command: CommandLine): Promise<CommandOutcome> {
    this.options.log(`$ ${formatCommandLine(command)}`);
    const outcome = await this.options.runner(command);
    if (outcome.missing) {
      const missing = this.notInstalled();
      throw new RpcError('refused', missing.message, [], missing.coded);
    }
    if (outcome.code !== 0) {
      // The command's own output is its detail: systemctl and PowerShell speak the system's language.
      const detail = (outcome.stderr || outcome.stdout).trim().split('\n').slice(-5).join(' ');
      const line = formatCommandLine(command);
      throw new RpcError('refused', `${line} failed (exit code ${outcome.code ?? 'none'}): ${detail}`, [], {
        reason: 'gateway.command-failed',
        params: { command: line, code: outcome.code ?? '—', detail },
      });
    }
    return outcome;
  }

  async status(): Promise<DriverSnapshot> {
    if (this.transition) return this.transition;
    const outcome = await this.options.runner(this.statusCommand());
    const snapshot = outcome.missing
      ? { state: 'not-installed' as const, pid: null, since: null, ...this.notInstalled() }
      : this.parseStatus(outcome);
    this.note(snapshot);
    return snapshot;
  }

  private note(snapshot: DriverSnapshot): void {
    const changed = !this.last || this.last.state !== snapshot.state || this.last.pid !== snapshot.pid;
    this.last = snapshot;
    if (changed) this.states.emit(snapshot);
  }

  private async during(state: 'starting' | 'stopping', action: () => Promise<void>): Promise<void> {
    this.transition = { state, pid: this.last?.pid ?? null, since: new Date().toISOString() };
    this.note(this.transition);
    try {
      await action();
    } finally {
      this.transition = null;
      await this.status().catch(() => undefined);
    }
  }

  private async healthy(): Promise<void> {
    const target = this.options.target();
    if (target) await waitUntilHealthy({ target, timeoutMs: this.options.startTimeoutMs ?? 30_000, intervalMs: 250 });
  }

  start(): Promise<void> {
    return this.during('starting', async () => {
      await this.run(this.startCommand());
      await this.healthy();
    });
  }

  stop(): Promise<void> {
    return this.during('stopping', async () => {
      await this.run(this.stopCommand());
    });
  }

  restart(): Promise<void> {
    return this.during('starting', async () => {
      for (const command of this.restartCommands()) await this.run(command);
      await this.healthy();
    });
  }

  async reload(): Promise<void> {
    const command = this.reloadCommand();
    if (!command)
      throw new RpcError('refused', `The ${this.kind} gateway cannot reload its configuration in place: restart it instead.`, [], {
        reason: 'gateway.no-reload',
      });
    await this.run(command);
  }

  async logs(lines: number): Promise<string[]> {
    const outcome = await this.options.runner(this.logsCommand(lines));
    if (outcome.missing || outcome.code !== 0) return [`(${(outcome.stderr || this.notInstalled().message).trim()})`];
    return outcome.stdout
      .split(/\r?\n/)
      .filter((line) => line !== '')
      .slice(-lines);
  }

  onState(listener: (snapshot: DriverSnapshot) => void): () => void {
    const off = this.states.on(listener);
    if (!this.timer && this.options.pollMs) {
      this.timer = setInterval(() => void this.status().catch(() => undefined), this.options.pollMs);
      this.timer.unref();
    }
    return off;
  }

  onLog(listener: (lines: string[]) => void): () => void {
    return this.logs$.on(listener);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
