import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { RpcError } from '../../shared/rpc/protocol';
import { findUiRoot } from '../paths';
import { EXIT_OK, UsageError, untilSignal, type CliCommand } from '../cli/kit';

export const serveCommands: CliCommand[] = [
  {
    words: ['serve'],
    usage: [
      'serve [--port N] [--save-dir DIR]...',
      '                                  Serve the Edge Wizard UI on 127.0.0.1 (token-protected); the browser may',
      '                                  save files in your home folder and in each --save-dir only',
    ],
    options: { port: { type: 'string' }, 'save-dir': { type: 'string', multiple: true } },
    host: 'serve',
    coreOptions: (values) => ({
      saveRoots: [homedir(), ...((values['save-dir'] as unknown as string[] | undefined) ?? []).map((dir) => resolve(dir))],
    }),
    async run(context, values) {
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be a port number, not "${String(values.port)}"`);
      const uiRoot = findUiRoot();
      if (!uiRoot) throw new RpcError('refused', 'The UI is not built. Run: npm run build');
      const { startUiServer } = await import('./ui-server');
      // Listens (and serves the page) first, then loads the core; sockets wait for it, and a core
      // that fails to load stops the command.
      let loadCore = () => {};
      const server = new Promise<void>((resolve) => (loadCore = resolve)).then(() => context.core()).then((core) => core.server);
      const ui = await startUiServer({ server, uiRoot, port });
      context.out(
        { url: ui.url, port: ui.port },
        `Edge Wizard is serving on ${ui.url}\nOpen that address in a browser. Press Ctrl+C to stop.\n`,
      );
      loadCore();
      try {
        await server;
      } catch (error) {
        await ui.close();
        throw error;
      }
      await (context.io.untilStopped ?? untilSignal)();
      await ui.close();
      return EXIT_OK;
    },
  },
];
