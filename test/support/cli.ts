import { spawn } from 'node:child_process';
import { edgewizBin } from '../e2e/support';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the bound ran out and the process was killed. */
  timedOut: boolean;
}

/**
 * Runs the built `edgewiz` as a process, killed after `timeoutMs`: a hang becomes a failed
 * assertion instead of a stuck test run.
 */
export function runEdgewiz(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string; withoutRootOverride?: boolean } = {},
): Promise<CliRun> {
  const command = [process.execPath, edgewizBin, ...args];
  // In a user namespace that maps only root, root may no longer override the permissions of files
  // owned by anyone else, while it still reaches the checkout wherever it lies (unlike another user).
  if (options.withoutRootOverride) command.unshift('unshare', '--user', '--map-root-user', '--');
  const child = spawn(command[0], command.slice(1), {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 20_000);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}
