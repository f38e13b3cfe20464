import { parseArgs, type ParseArgsConfig } from 'node:util';
import { RpcError } from '../../shared/rpc/protocol';
import type { Core } from '../core/context';
import type { BackingFactory } from '../store/app-store';
import { APP_VERSION } from '../core/version';
import { resolveDataDir } from '../paths';
import { backendFeatures } from '../features';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, UsageError, type CliCommand, type CliIo, type OptionValues } from './kit';
import { errorMessage } from '../../shared/errors';

/** Every command, in the order the help lists them. */
const commands: CliCommand[] = backendFeatures.flatMap((feature) => feature.commands ?? []);

const globalOptions = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const satisfies ParseArgsConfig['options'];

const USAGE = `Usage: edgewiz [--data-dir DIR] [--json] <command> [options]

Commands:
${commands.flatMap((command) => command.usage.map((line) => `  ${line}`)).join('\n')}

Options:
  --data-dir DIR   Where state is kept (default: EDGEWIZ_DATA_DIR, else the app's own folder)
  --json           Machine-readable output
  -h, --help       Show this help
  -v, --version    Show the version

Exit codes: 0 success, 1 refused or failed (reason on stderr), 2 bad usage.
`;

const systemReasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'it does not exist',
  ENOTDIR: 'a file is in the way where a folder is expected',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EMFILE: 'too many open files',
};

/** One line for a failure that is not one of the core's refusals, such as a file system error. */
function describeFailure(error: unknown): string {
  const system = error as NodeJS.ErrnoException | undefined;
  if (system?.code && system.syscall) {
    const reason = systemReasons[system.code] ?? system.code;
    return system.path ? `${system.path}: ${reason} (${system.syscall}).` : `${system.syscall} failed: ${reason}.`;
  }
  return errorMessage(error);
}

/** The words before the first option or argument that names a command (global option values skipped). */
function leadingWords(argv: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--data-dir') i++;
    else if (token.startsWith('-')) continue;
    else words.push(token);
  }
  return words;
}

function findCommand(argv: string[]): CliCommand | undefined {
  const words = leadingWords(argv);
  return commands
    .filter((command) => command.words.every((word, i) => words[i] === word))
    .sort((a, b) => b.words.length - a.words.length)[0];
}

/** Stands in for conf when the settings file was current at start: reached only if another program replaced it meanwhile. */
const settingsFileChanged: BackingFactory = () => {
  throw new RpcError(
    'refused',
    'The settings file was replaced by another program while edgewiz ran. Nothing was changed; run the command again.',
  );
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const command = findCommand(argv);
  let values: OptionValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { ...globalOptions, ...command?.options },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    io.stderr(`edgewiz: ${errorMessage(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const json = values.json === true;
  const out = (value: unknown, human: string) => io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : human);

  try {
    if (values.version) {
      out({ version: APP_VERSION }, `edgewiz ${APP_VERSION}\n`);
      return EXIT_OK;
    }
    if (values.help || positionals.length === 0) {
      io.stdout(USAGE);
      return values.help ? EXIT_OK : EXIT_USAGE;
    }
    if (!command) throw new UsageError(`unknown command "${positionals.join(' ')}"`);
    const args = positionals.slice(command.words.length);
    const expected = command.args ?? [];
    if (args.length !== expected.length) {
      throw new UsageError(
        expected.length ? `${command.words.join(' ')} needs ${expected.join(' ')}` : `unexpected argument "${args.join(' ')}"`,
      );
    }
    const dataDir = resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined, io.env);
    let core: Promise<Core> | undefined;
    const context = {
      io,
      json,
      dataDir,
      out,
      // Loaded on first use: the core brings zod, conf and forge, which --help never needs.
      core: () =>
        (core ??= Promise.all([import('../core/core'), import('../store/app-store')]).then(
          async ([{ createCore }, { needsStoreLibrary }]) =>
            createCore({
              dataDir,
              host: command.host ?? 'cli',
              // conf is loaded only for a new, older or damaged settings file; a current one is read and written as it is.
              storeBacking: needsStoreLibrary(dataDir) ? (await import('../store/conf-backing')).confBacking : settingsFileChanged,
              log: (m) => io.stderr(`edgewiz: ${m}\n`),
              ...command.coreOptions?.(values),
            }),
        )),
    };
    return await command.run(context, values, args);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`edgewiz: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    const rpc = error instanceof RpcError ? error : new RpcError('internal', describeFailure(error));
    if (json) io.stdout(`${JSON.stringify({ error: rpc.toWire() }, null, 2)}\n`);
    io.stderr(`edgewiz: ${rpc.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return EXIT_REFUSED;
  }
}
