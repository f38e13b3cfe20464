import { RpcError } from '../../../shared/rpc/protocol';
import { findUiRoot } from '../../paths';
import { startUiServer } from '../../serve/ui-server';
import { EXIT_OK, UsageError, type CliCommand } from '../kit';

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export const serveCommands: CliCommand[] = [
  {
    words: ['serve'],
    usage: ['serve [--port N]                  Serve the Edge Wizard UI on 127.0.0.1 (token-protected)'],
    options: { port: { type: 'string' } },
    host: 'serve',
    async run(context, values) {
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${String(values.port)}"`);
      const uiRoot = findUiRoot();
      if (!uiRoot) throw new RpcError('refused', 'The UI is not built. Run: npm run build');
      const ui = await startUiServer({ server: context.core().server, uiRoot, port });
      context.out({ url: ui.url, port: ui.port }, `Edge Wizard is serving on ${ui.url}\nOpen that address in a browser. Press Ctrl+C to stop.\n`);
      await (context.io.untilStopped ?? waitForSignal)();
      await ui.close();
      return EXIT_OK;
    },
  },
];
