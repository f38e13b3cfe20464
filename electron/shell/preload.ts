import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../security';

// The whole surface the page gets: one call, one event subscription. Never ipcRenderer itself,
// never the IPC event object.
contextBridge.exposeInMainWorld('edgewiz', {
  invoke: (method: string, args: unknown): Promise<unknown> => ipcRenderer.invoke(RPC_CHANNEL, method, args),
  on: (event: string, callback: (payload: unknown) => void): (() => void) => {
    const listener = (_event: unknown, name: string, payload: unknown) => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
});
