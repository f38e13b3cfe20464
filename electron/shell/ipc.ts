import { ipcMain, webContents } from 'electron';
import type { RpcServer } from '../../shared/rpc/server';
import { EVENT_CHANNEL, RPC_CHANNEL, isTrustedSender } from '../security';

/** Electron IPC transport: one invoke channel, every message's sender frame checked. */
export function attachIpc(server: RpcServer): () => void {
  ipcMain.handle(RPC_CHANNEL, (event, method: unknown, args: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'This page may not call Edge Wizard.' } };
    }
    return server.dispatch(typeof method === 'string' ? method : '', args);
  });
  const stopEvents = server.subscribe((name, payload) => {
    for (const contents of webContents.getAllWebContents()) {
      if (isTrustedSender(contents.getURL())) contents.send(EVENT_CHANNEL, name, payload);
    }
  });
  return () => {
    stopEvents();
    ipcMain.removeHandler(RPC_CHANNEL);
  };
}
