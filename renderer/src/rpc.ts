import { RpcClient, channelOverPort, type ClientChannel } from '../../shared/rpc/client';
import { isWireMessage, type MessagePort, type WireResult } from '../../shared/rpc/protocol';

/** What the Electron preload exposes on window.edgewiz. */
interface DesktopBridge {
  invoke(method: string, args: unknown): Promise<WireResult>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    edgewiz?: DesktopBridge;
  }
}

function bridgeChannel(bridge: DesktopBridge): ClientChannel {
  return { invoke: (method, args) => bridge.invoke(method, args), subscribe: (event, cb) => bridge.on(event, cb) };
}

/** `edgewiz serve`: the token arrives in the page's fragment and goes along on the WebSocket. */
function browserSocketPort(onClosed: () => void): MessagePort {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`);
  const queue: string[] = [];
  socket.addEventListener('open', () => {
    for (const text of queue.splice(0)) socket.send(text);
  });
  socket.addEventListener('close', onClosed);
  return {
    send(message) {
      const text = JSON.stringify(message);
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else queue.push(text);
    },
    onMessage(listener) {
      const handler = (event: MessageEvent) => {
        try {
          const parsed: unknown = JSON.parse(String(event.data));
          if (isWireMessage(parsed)) listener(parsed);
        } catch {
          // Not ours: ignore.
        }
      };
      socket.addEventListener('message', handler);
      return () => socket.removeEventListener('message', handler);
    },
    onClose(listener) {
      socket.addEventListener('close', listener);
      return () => socket.removeEventListener('close', listener);
    },
    close() {
      socket.close();
    },
  };
}

export function connect(onDisconnected: () => void): RpcClient {
  if (window.edgewiz) return new RpcClient(bridgeChannel(window.edgewiz));
  return new RpcClient(channelOverPort(browserSocketPort(onDisconnected)));
}
