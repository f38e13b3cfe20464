import type { WebSocket } from 'ws';
import { isWireMessage, type MessagePort } from '../../shared/rpc/protocol';

/** A WebSocket as an RPC message port (JSON text frames; anything else is ignored). */
export function webSocketPort(socket: WebSocket): MessagePort {
  return {
    send(message) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    },
    onMessage(listener) {
      const handler = (data: unknown, isBinary: boolean) => {
        if (isBinary) return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(data));
        } catch {
          return;
        }
        if (isWireMessage(parsed)) listener(parsed);
      };
      socket.on('message', handler);
      return () => socket.off('message', handler);
    },
    onClose(listener) {
      socket.on('close', listener);
      return () => socket.off('close', listener);
    },
    close() {
      socket.close();
    },
  };
}
