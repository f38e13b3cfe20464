import { closeSync, openSync, readSync, statSync, unwatchFile, watchFile } from 'node:fs';
import type { GatewayDriverKind, GatewayState, ProbeResult } from '../../shared/gateway/types';
import { RpcError, type CodedMessage } from '../../shared/rpc/protocol';
import { probeXmppServer } from '../xmpp/probe';

/** What a driver knows about its gateway; the service adds the port, TLS and probe. */
export interface DriverSnapshot {
  state: GatewayState;
  pid: number | null;
  since: string | null;
  /** English, for the CLI and logs; `coded` is the same as a code and values for the UI. */
  message?: string;
  coded?: CodedMessage;
  exitCode?: number | null;
  signal?: string | null;
  logTail?: string[];
}

/** One kind of gateway: the embedded Prosody, a systemd unit, or Lync's Windows service. */
export interface GatewayDriver {
  readonly kind: GatewayDriverKind;
  status(): Promise<DriverSnapshot>;
  /** Resolves once the gateway answers on its s2s port with stream features. */
  start(): Promise<void>;
  /** Graceful stop, escalating to a kill after a timeout where the driver can. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Rereads the configuration in the same process; open streams stay up unless the new settings refuse them. */
  reload(): Promise<void>;
  logs(lines: number): Promise<string[]>;
  onState(listener: (snapshot: DriverSnapshot) => void): () => void;
  /** New log lines; with `tail`, the last `tail` lines first (the file-following drivers only). */
  onLog(listener: (lines: string[]) => void, tail?: number): () => void;
  /** Stops watching; never stops the gateway. */
  dispose(): void;
}

/** Where the gateway is probed: the host to connect to, its s2s port and a domain it serves. */
export interface ProbeTarget {
  host: string;
  port: number;
  domain: string;
}

export interface HealthWait {
  target: ProbeTarget;
  timeoutMs: number;
  /** Checked between attempts: a reason to give up early (the process exited). */
  abort?: () => { message: string; coded: CodedMessage } | null;
  /** Between attempts; an attempt before the port listens is refused at once, so a short pause costs nothing. */
  intervalMs?: number;
}

/** Probes until the gateway answers with stream features; throws with the reason otherwise. */
export async function waitUntilHealthy(wait: HealthWait): Promise<ProbeResult> {
  const deadline = Date.now() + wait.timeoutMs;
  for (;;) {
    const aborted = wait.abort?.();
    if (aborted) throw new RpcError('refused', aborted.message, [], aborted.coded);
    const last = await probeXmppServer({ ...wait.target, timeoutMs: Math.max(250, Math.min(2000, deadline - Date.now())) });
    if (last.ok && last.features) return last;
    if (Date.now() >= deadline) {
      throw new RpcError(
        'refused',
        `The gateway did not answer on port ${wait.target.port} within ${Math.round(wait.timeoutMs / 1000)} s (${last.error ?? 'no stream features'}).`,
        [],
        { reason: 'gateway.no-answer', params: { port: wait.target.port, seconds: Math.round(wait.timeoutMs / 1000) } },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, wait.intervalMs ?? 5));
  }
}

/** The last `count` lines of a text file (read from the end, so a large log costs little). */
export function readTail(file: string, count: number): string[] {
  return readTailBefore(file, count, null).lines;
}

/**
 * The last `count` lines before byte `end` (the file's size when null). With an `end`, a line not
 * finished by then is returned apart (`unfinished`), so whoever follows the file from `end` prints
 * it whole, and nothing twice.
 */
function readTailBefore(file: string, count: number, end: number | null): { lines: string[]; unfinished: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { lines: [], unfinished: '' };
  }
  try {
    const size = end ?? statSync(file).size;
    const chunk = 64 * 1024;
    let position = size;
    let buffer = Buffer.alloc(0);
    while (position > 0 && countNewlines(buffer) <= count && size - position < 4 * 1024 * 1024) {
      const length = Math.min(chunk, position);
      position -= length;
      const part = Buffer.alloc(length);
      readSync(fd, part, 0, length, position);
      buffer = Buffer.concat([part, buffer]);
    }
    let stop = size;
    let unfinished = '';
    if (end !== null) {
      const lastNewline = buffer.lastIndexOf(0x0a);
      stop = lastNewline === -1 ? position : position + lastNewline + 1;
      unfinished = buffer.subarray(stop - position).toString('utf8');
      buffer = buffer.subarray(0, stop - position);
    }
    const lines = buffer.toString('utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (position > 0) lines.shift();
    return { lines: lines.slice(-count), unfinished };
  } finally {
    closeSync(fd);
  }
}

function countNewlines(buffer: Buffer): number {
  let count = 0;
  for (let at = buffer.indexOf(0x0a); at !== -1; at = buffer.indexOf(0x0a, at + 1)) count++;
  return count;
}

/** Follows a log file as it grows (and when it is replaced), reporting whole new lines. */
export class LogFollower {
  private offset: number;
  private partial = '';
  private readonly listeners = new Set<(lines: string[]) => void>();
  private watching = false;

  constructor(
    private readonly file: string,
    private readonly intervalMs = 250,
  ) {
    this.offset = this.size();
  }

  private size(): number {
    try {
      return statSync(this.file).size;
    } catch {
      return 0;
    }
  }

  /**
   * Calls `listener` with each batch of new whole lines. With `tail`, it first gets the last `tail`
   * lines written before it started listening, and then every line after them: none lost, none twice.
   */
  subscribe(listener: (lines: string[]) => void, tail = 0): () => void {
    if (!this.watching) {
      this.watching = true;
      this.offset = this.size();
      this.partial = '';
      watchFile(this.file, { interval: this.intervalMs, persistent: false }, () => this.poll());
    }
    if (tail > 0) {
      // The follower has read up to `offset`; a partial line it holds is printed whole by the next poll.
      const { lines, unfinished } = readTailBefore(this.file, tail, this.offset - Buffer.byteLength(this.partial));
      if (this.partial === '') this.partial = unfinished;
      if (lines.length > 0) listener(lines);
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  /** Reads what was appended since the last look. */
  poll(): void {
    const size = this.size();
    if (size < this.offset) {
      this.offset = 0;
      this.partial = '';
    }
    if (size === this.offset) return;
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return;
    }
    try {
      const length = Math.min(size - this.offset, 1024 * 1024);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      this.offset = size;
      const text = this.partial + buffer.toString('utf8');
      const lines = text.split('\n');
      this.partial = lines.pop() ?? '';
      if (lines.length > 0) for (const listener of this.listeners) listener(lines);
    } finally {
      closeSync(fd);
    }
  }

  close(): void {
    if (this.watching) unwatchFile(this.file);
    this.watching = false;
  }
}

/** A tiny listener set. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();
  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
  get size(): number {
    return this.listeners.size;
  }
}
