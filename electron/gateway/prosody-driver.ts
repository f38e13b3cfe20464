import { spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ProbeResult } from '../../shared/gateway/types';
import { RpcError, type CodedMessage } from '../../shared/rpc/protocol';
import { writeFileAtomic } from '../files/atomic-write';
import { Emitter, LogFollower, readTail, waitUntilHealthy, type DriverSnapshot, type GatewayDriver, type ProbeTarget } from './driver';
import { isPortOpen } from '../xmpp/probe';
import type { ProsodyPaths } from './prosody-config';
import { errorMessage } from '../../shared/errors';

/** Why the embedded gateway is down, as codes; the English words are for the CLI and the log. */
const crashCauses = {
  'gateway.crash.gone': 'Prosody is no longer running',
  'gateway.crash.pidfile': 'Prosody stopped unexpectedly',
  'gateway.crash.exited': 'Prosody exited unexpectedly',
  'gateway.crash.start': 'Prosody exited during start',
  'gateway.crash.not-ready': 'Prosody did not become ready',
} as const;
type CrashCause = keyof typeof crashCauses;

const PROSODY_INSTALL_GUIDANCE =
  'Prosody is not installed. Install it (Debian/Ubuntu: sudo apt install prosody; Fedora: sudo dnf install prosody; macOS: brew install prosody), ' +
  'then stop the system copy so it does not hold port 5269 (sudo systemctl disable --now prosody). Or choose another gateway: edgewiz gateway configure --driver systemd|lync';

/** The prosody executable on PATH (or where packages put it), else null. */
export function findProsody(env: NodeJS.ProcessEnv = process.env): string | null {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/usr/local/bin', '/opt/homebrew/bin'];
  for (const dir of dirs) {
    const candidate = join(dir, 'prosody');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}

/** A file the configuration names, with the content it must have before Prosody reads the configuration. */
export interface PlannedFile {
  path: string;
  content: string;
}

/** What a start needs that the driver does not own: the config text, the files it names, and where to probe. */
export interface ProsodyStartPlan {
  config: string;
  /** Put in place before the configuration (the partner module, the trusted roots). */
  files: PlannedFile[];
  target: ProbeTarget;
  /** Lines for the gateway log before Prosody's own (e.g. why it runs as root). */
  notes: string[];
}

export interface ProsodyDriverOptions {
  paths: ProsodyPaths;
  /** The prosody executable; null = not installed. */
  binary: string | null;
  /** Builds the config from the current topology and settings, writing nothing; throws RpcError when it cannot. */
  plan: () => ProsodyStartPlan;
  /** Long-running hosts (the app, serve) watch the process; the CLI leaves it running detached. */
  live: boolean;
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
  /** How long a reload may take to be confirmed in the log. */
  reloadTimeoutMs?: number;
  log?: (line: string) => void;
}

const LOG_ROTATE_BYTES = 2 * 1024 * 1024;
/** What mod_edgewiz_partners logs once a reread configuration applies to open streams. */
const RELOAD_CONFIRMATION = 'Federation partner policy applied to open streams';

function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** What the log gained since `offset` (at most 1 MiB). */
function logSince(file: string, offset: number): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const length = Math.max(0, Math.min(logSize(file) - offset, 1024 * 1024));
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, offset);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The config file (or another file Prosody reads), replaced atomically and readable by its owner only. */
function writeProsodyConfig(file: string, config: string): Promise<void> {
  return writeFileAtomic(file, config, { overwrite: true, mode: 0o600 });
}

/** Puts a plan in place: the files it names first, then the configuration; each written once. */
export async function writePlan(paths: ProsodyPaths, plan: ProsodyStartPlan): Promise<void> {
  for (const dir of [paths.plugins, paths.tlsDir]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const file of plan.files) await writeProsodyConfig(file.path, file.content);
  await writeProsodyConfig(paths.config, plan.config);
}

/** Alive, not a zombie, and (where /proc tells) really our Prosody: a reused pid is not ours. */
function isOurProsody(pid: number, configFile: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/\)\s+Z\s/.test(stat)) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(configFile);
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The embedded gateway: `prosody -F --config <dataDir>/gateway/prosody.cfg.lua` as a detached
 * child, so it keeps serving when the app or the CLI exits; the pidfile finds it again.
 */
export class ProsodyDriver implements GatewayDriver {
  readonly kind = 'prosody' as const;
  private readonly states = new Emitter<DriverSnapshot>();
  private readonly follower: LogFollower;
  private snapshot: DriverSnapshot = { state: 'stopped', pid: null, since: null };
  private child: ChildProcess | null = null;
  /** Set while we stop it on purpose: its exit is then not a crash. */
  private stopping = false;
  private watchTimer: NodeJS.Timeout | null = null;
  lastProbe: ProbeResult | null = null;

  constructor(private readonly options: ProsodyDriverOptions) {
    this.follower = new LogFollower(options.paths.log);
  }

  private set(next: DriverSnapshot): void {
    const changed = next.state !== this.snapshot.state || next.pid !== this.snapshot.pid;
    this.snapshot = next;
    if (changed) this.states.emit(next);
  }

  private tail(count = 20): string[] {
    return readTail(this.options.paths.log, count);
  }

  private crashed(exitCode: number | null, signal: string | null, why: CrashCause): void {
    this.stopWatching();
    this.child = null;
    const how = exitCode !== null ? `exit code ${exitCode}` : signal ? `signal ${signal}` : 'exit code unknown';
    this.set({
      coded: { reason: why, params: { code: exitCode ?? signal ?? '—' } },
      state: 'crashed',
      pid: null,
      since: new Date().toISOString(),
      exitCode,
      signal,
      message: `${crashCauses[why]} (${how}).`,
      logTail: this.tail(),
    });
  }

  /** The running gateway's pid: our child, else the pidfile's if that process is our Prosody. */
  private runningPid(): number | null {
    if (this.child?.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) return this.child.pid;
    const pid = readPid(this.options.paths.pidfile);
    return pid !== null && isOurProsody(pid, this.options.paths.config) ? pid : null;
  }

  async status(): Promise<DriverSnapshot> {
    if (this.snapshot.state === 'starting' || this.snapshot.state === 'stopping') return this.snapshot;
    const pid = this.runningPid();
    if (pid !== null) {
      if (this.snapshot.state !== 'running' || this.snapshot.pid !== pid) {
        // Found through the pidfile: a gateway started by the CLI or an earlier run of the app.
        let since: string | null = null;
        try {
          since = statSync(this.options.paths.pidfile).mtime.toISOString();
        } catch {
          // Removed meanwhile.
        }
        this.set({ state: 'running', pid, since });
        this.watch(pid);
      }
      return this.snapshot;
    }
    if (!this.options.binary) {
      this.set({
        state: 'not-installed',
        pid: null,
        since: null,
        message: PROSODY_INSTALL_GUIDANCE,
        coded: { reason: 'gateway.prosody-missing' },
      });
      return this.snapshot;
    }
    if (this.snapshot.state === 'running') {
      this.crashed(null, null, 'gateway.crash.gone');
    } else if (this.snapshot.state !== 'crashed' && existsSync(this.options.paths.pidfile)) {
      // Prosody removes its pidfile on a clean exit: one left behind means it died.
      this.crashed(null, null, 'gateway.crash.pidfile');
    } else if (this.snapshot.state === 'not-installed') {
      this.set({ state: 'stopped', pid: null, since: null });
    }
    return this.snapshot;
  }

  /** Notices the exit of a gateway we did not spawn (no exit event for it). */
  private watch(pid: number): void {
    this.stopWatching();
    if (!this.options.live || this.child?.pid === pid) return;
    this.watchTimer = setInterval(() => {
      if (!this.stopping && this.snapshot.pid === pid && !isOurProsody(pid, this.options.paths.config))
        this.crashed(null, null, 'gateway.crash.exited');
    }, 500);
    this.watchTimer.unref();
  }

  private stopWatching(): void {
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
  }

  private prepareLog(notes: string[]): number {
    const { paths } = this.options;
    try {
      if (statSync(paths.log).size > LOG_ROTATE_BYTES) renameSync(paths.log, `${paths.log}.1`);
    } catch {
      // No log yet.
    }
    const fd = openSync(paths.log, 'a', 0o600);
    for (const line of [`Edge Wizard: starting Prosody (${new Date().toISOString()})`, ...notes]) writeSync(fd, `${line}\n`);
    return fd;
  }

  async start(): Promise<void> {
    const current = await this.status();
    if (current.state === 'running') return;
    const { binary, paths } = this.options;
    if (!binary) throw new RpcError('refused', PROSODY_INSTALL_GUIDANCE, [], { reason: 'gateway.prosody-missing' });
    const plan = await this.options.plan();
    if (await isPortOpen(plan.target.host, plan.target.port, 500)) {
      throw new RpcError(
        'refused',
        `Port ${plan.target.port} is already in use by another program (perhaps the system's own Prosody: sudo systemctl disable --now prosody). Stop it, or choose another port with: edgewiz gateway configure --port N`,
        [],
        { reason: 'gateway.port-in-use', params: { port: plan.target.port } },
      );
    }

    for (const dir of [paths.dir, paths.data]) mkdirSync(dir, { recursive: true, mode: 0o700 });
    await writePlan(paths, plan);
    try {
      unlinkSync(paths.pidfile);
    } catch {
      // None left behind.
    }

    this.set({ state: 'starting', pid: null, since: new Date().toISOString() });
    const logFd = this.prepareLog(plan.notes);
    for (const note of plan.notes) this.options.log?.(note);
    let exited: { message: string; coded: CodedMessage } | null = null;
    let child: ChildProcess;
    try {
      child = spawn(binary, ['-F', '--config', paths.config], { cwd: paths.dir, detached: true, stdio: ['ignore', logFd, logFd] });
    } finally {
      closeSync(logFd);
    }
    this.child = child;
    child.once('error', (error) => {
      exited = {
        message: `Prosody could not be started: ${error.message}`,
        coded: { reason: 'gateway.spawn-failed', params: { detail: error.message } },
      };
    });
    child.once('exit', (code, signal) => {
      exited = {
        message: `Prosody exited during start (${code !== null ? `exit code ${code}` : `signal ${signal}`})`,
        coded: { reason: 'gateway.crash.start', params: { code: code ?? signal ?? '—' } },
      };
      if (this.child !== child) return;
      if (!this.stopping) this.crashed(code, signal, this.snapshot.state === 'starting' ? 'gateway.crash.start' : 'gateway.crash.exited');
      this.child = null;
    });
    if (child.pid !== undefined) {
      const pidFd = openSync(paths.pidfile, 'w', 0o600);
      writeSync(pidFd, `${child.pid}\n`);
      closeSync(pidFd);
    }
    if (!this.options.live) child.unref();

    try {
      this.lastProbe = await waitUntilHealthy({
        target: plan.target,
        timeoutMs: this.options.startTimeoutMs ?? 20_000,
        abort: () => exited,
      });
    } catch (error) {
      const reason = errorMessage(error);
      if (!exited) {
        await this.kill(child.pid ?? null);
        this.crashed(null, null, 'gateway.crash.not-ready');
      }
      throw new RpcError('refused', `${reason}\n${this.tail().join('\n')}`, [], error instanceof RpcError ? error.coded : undefined);
    }
    this.set({ state: 'running', pid: child.pid ?? null, since: new Date().toISOString() });
  }

  /** Resolves when `pid` has exited, or false after `timeoutMs`. */
  private async exited(pid: number, timeoutMs: number): Promise<boolean> {
    const child = this.child?.pid === pid ? this.child : null;
    if (child) {
      if (child.exitCode !== null || child.signalCode !== null) return true;
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    }
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!isOurProsody(pid, this.options.paths.config)) return true;
      await sleep(20);
    }
    return !isOurProsody(pid, this.options.paths.config);
  }

  /** SIGTERM, then SIGKILL once the grace period is over. */
  private async kill(pid: number | null): Promise<void> {
    if (pid === null) return;
    this.stopping = true;
    try {
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(pid, name);
        } catch {
          // Already gone.
        }
      };
      signal('SIGTERM');
      if (!(await this.exited(pid, this.options.stopTimeoutMs ?? 10_000))) {
        this.options.log?.(
          `Prosody (pid ${pid}) did not stop within ${Math.round((this.options.stopTimeoutMs ?? 10_000) / 1000)} s: killing it.`,
        );
        signal('SIGKILL');
        await this.exited(pid, 5000);
      }
    } finally {
      this.stopping = false;
    }
  }

  async stop(): Promise<void> {
    await this.status();
    const pid = this.runningPid();
    if (pid !== null) {
      this.set({ state: 'stopping', pid, since: new Date().toISOString() });
      this.stopWatching();
      await this.kill(pid);
    }
    this.child = null;
    try {
      unlinkSync(this.options.paths.pidfile);
    } catch {
      // Prosody removed it.
    }
    this.lastProbe = null;
    this.set({
      state: this.options.binary ? 'stopped' : 'not-installed',
      pid: null,
      since: new Date().toISOString(),
      ...(this.options.binary ? {} : { message: PROSODY_INSTALL_GUIDANCE, coded: { reason: 'gateway.prosody-missing' } }),
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async reload(): Promise<void> {
    await this.status();
    const pid = this.runningPid();
    if (pid === null)
      throw new RpcError('refused', 'The gateway is not running: start it instead.', [], { reason: 'gateway.reload-not-running' });
    await writePlan(this.options.paths, this.options.plan());
    const from = logSize(this.options.paths.log);
    process.kill(pid, 'SIGHUP');
    // The partner module logs once it has applied the new list to the open streams: that is the confirmation.
    const deadline = Date.now() + (this.options.reloadTimeoutMs ?? 5000);
    while (!logSince(this.options.paths.log, from).includes(RELOAD_CONFIRMATION)) {
      if (Date.now() >= deadline)
        throw new RpcError(
          'refused',
          `The gateway did not confirm the reload within ${Math.round((this.options.reloadTimeoutMs ?? 5000) / 1000)} s.\n${this.tail().join('\n')}`,
          [],
          { reason: 'gateway.reload-timeout', params: { seconds: Math.round((this.options.reloadTimeoutMs ?? 5000) / 1000) } },
        );
      await sleep(20);
    }
    this.options.log?.(
      'Configuration rewritten and reread by Prosody (SIGHUP); partner changes apply to open streams. A changed port needs a restart.',
    );
  }

  async logs(lines: number): Promise<string[]> {
    return this.tail(lines);
  }

  onState(listener: (snapshot: DriverSnapshot) => void): () => void {
    return this.states.on(listener);
  }

  onLog(listener: (lines: string[]) => void, tail?: number): () => void {
    return this.follower.subscribe(listener, tail);
  }

  dispose(): void {
    this.stopWatching();
    this.follower.close();
    // Left running on purpose: the gateway is a service; the pidfile finds it again.
    this.child?.unref();
  }
}
