import { execFile } from 'node:child_process';

/** A program and its arguments, never passed through a shell. */
export interface CommandLine {
  file: string;
  args: string[];
}

export interface CommandOutcome {
  /** Exit code; null when the program could not be run or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** The program does not exist on this machine. */
  missing?: boolean;
}

export type CommandRunner = (command: CommandLine, options?: { timeoutMs?: number }) => Promise<CommandOutcome>;

/** The one way the systemd and Lync drivers run anything. */
export const runCommand: CommandRunner = (command, options = {}) =>
  new Promise((resolve) => {
    execFile(
      command.file,
      command.args,
      { timeout: options.timeoutMs ?? 60_000, maxBuffer: 8 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const errno = (error as NodeJS.ErrnoException | null)?.code;
        resolve({
          code: error
            ? typeof errno === 'number'
              ? errno
              : typeof (error as { code?: unknown }).code === 'number'
                ? (error as { code: number }).code
                : null
            : 0,
          stdout: String(stdout),
          stderr: String(stderr),
          ...(errno === 'ENOENT' ? { missing: true } : {}),
        });
      },
    );
  });

/** How a command line reads in a log, quoted for a POSIX shell. */
export function formatCommandLine(command: CommandLine): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  return [command.file, ...command.args].map(quote).join(' ');
}
