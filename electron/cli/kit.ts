import type { ParseArgsConfig } from 'node:util';
import type { EventName, EventPayload, MethodArgs, MethodName, MethodResult } from '../../shared/rpc/contract';
import { RpcError, type FieldIssue } from '../../shared/rpc/protocol';
import type { Core } from '../core/context';
import { BoundedReadError, readBoundedFile } from '../files/bounded-read';
import { errorMessage } from '../../shared/errors';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** Bad usage: exit 2 with the usage text. */
export class UsageError extends Error {}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when a long-running command (serve) should stop. */
  untilStopped?: () => Promise<void>;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandContext {
  readonly io: CliIo;
  readonly json: boolean;
  readonly dataDir: string;
  /** The core, loaded and created on first use. */
  core(): Promise<Core>;
  /** Prints `value` as JSON with --json, else the human text. */
  out(value: unknown, human: string): void;
}

/** One `edgewiz` command: its words, its options, its help lines, and what it does. */
export interface CliCommand {
  words: string[];
  /** Help lines, the first starting with the command itself; none for an alias of a listed command. */
  usage: string[];
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Positional arguments after the words, e.g. ["DOMAIN"]; none by default. */
  args?: string[];
  /** The core's host label (serve is the UI's host; everything else is the CLI). */
  host?: 'serve' | 'cli';
  /** Core options that follow from this command's options (serve's save folders). */
  coreOptions?(values: OptionValues): { saveRoots?: string[] };
  run(context: CommandContext, values: OptionValues, args: string[]): Promise<number>;
}

/**
 * Resolves at the first SIGINT or SIGTERM: how a command that runs until stopped ends cleanly.
 * The handlers stay for the rest of the run: the store's file libraries clean up on a signal and
 * then send it again, and without a handler of ours that second signal would kill the process
 * before the command has closed what it opened.
 */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
}

export async function call<M extends MethodName>(core: Core | Promise<Core>, method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  const outcome = await (await core).server.dispatch(method, args);
  if (!outcome.ok) throw RpcError.fromWire(outcome.error);
  return outcome.result as MethodResult<M>;
}

/** Runs `task` and gives its result with the last `event` the core sent meanwhile (null when none). */
export async function withLastEvent<E extends EventName, T>(
  context: CommandContext,
  event: E,
  task: () => Promise<T>,
): Promise<[T, EventPayload<E> | null]> {
  let last: EventPayload<E> | null = null;
  const off = (await context.core()).server.subscribe((name, payload) => {
    if (name === event) last = payload as EventPayload<E>;
  });
  try {
    return [await task(), last];
  } finally {
    off();
  }
}

function describeIssues(issues: FieldIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
}

/** A call's schema issues under `argument`, named relative to the file the argument came from. */
export function issuesForFile(error: unknown, file: string, argument: string): unknown {
  if (error instanceof RpcError && error.code === 'invalid-arguments') {
    const issues = error.issues.filter((issue) => issue.path[0] === argument).map((issue) => ({ ...issue, path: issue.path.slice(1) }));
    if (issues.length > 0) return new RpcError('invalid-arguments', `${file}: ${describeIssues(issues)}`, issues);
  }
  return error;
}

/** JSON files the CLI reads (topology, profiles, partner lists) are far smaller than this. */
const MAX_JSON_FILE_BYTES = 16 * 1024 * 1024;

export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = (await readBoundedFile(path, MAX_JSON_FILE_BYTES)).toString('utf8');
  } catch (error) {
    throw new RpcError(
      'refused',
      error instanceof BoundedReadError ? `${error.message}.` : `${path}: cannot read the file (${String(error)}).`,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new RpcError('refused', `${path}: not valid JSON (${errorMessage(error)}).`);
  }
}

export function requireOption(values: OptionValues, name: string, usage: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`${usage} needs --${name}`);
  return value;
}
