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

const TOKEN_KEY = 'edgewiz.token';

/**
 * `edgewiz serve`: the token arrives in the page's fragment. It is taken out of the address bar
 * (and history) at once and kept for this tab only, so a reload still connects; it goes to the
 * server as a WebSocket subprotocol, a header, never in a URL.
 */
function serveToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return fromHash ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function browserSocketPort(onClosed: () => void): MessagePort {
  const token = serveToken();
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}/rpc`, ['edgewiz.rpc', `edgewiz.token.${token}`]);
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
