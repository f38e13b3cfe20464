import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface TimedProcess {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Stop timing when stdout matches (then the process is killed); else time until it exits. */
  ready?: RegExp;
}

/** Wall time from spawn to exit (or to `ready` on stdout), in ms; killed and failed after `timeoutMs`. */
function timeProcess({ command, args, env, ready }: TimedProcess, timeoutMs = 30_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let done = false;
    const finish = (error: Error | null, ms?: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (error) reject(error);
      else resolve(ms!);
    };
    const timer = setTimeout(() => finish(new Error(`${command} ${args.join(' ')}: no result within ${timeoutMs} ms`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (ready?.test(stdout)) finish(null, performance.now() - started);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => finish(error));
    child.on('exit', (code) => {
      if (ready) finish(new Error(`${command} ${args.join(' ')} exited with ${code} before it was ready: ${stderr.trim()}`));
      else if (code !== 0) finish(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
      else finish(null, performance.now() - started);
    });
  });
}

/** Runs every process once per round, in turn, so drift in machine load hits them alike; returns the times per process. */
export async function interleaved(processes: TimedProcess[], rounds: number): Promise<number[][]> {
  const times = processes.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, spec] of processes.entries()) times[i].push(await timeProcess(spec));
  }
  return times;
}
