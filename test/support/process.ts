import type { ChildProcess } from 'node:child_process';

/**
 * Resolves once a server child prints `ready` on stdout or stderr; rejects with its output when
 * it exits first or stays silent for `timeoutMs` (then it is killed).
 */
export function startedWhen(child: ChildProcess, name: string, ready: RegExp, timeoutMs: number): Promise<void> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      clearInterval(poll);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      if (child.exitCode !== null) finish(new Error(`${name} exited with ${child.exitCode}:\n${output}`));
      else if (ready.test(output)) finish();
    }, 50);
  });
}

/** SIGTERM, then SIGKILL if the child is still there after 5 s; resolves once it is gone. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
