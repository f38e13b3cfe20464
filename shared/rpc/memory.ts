import type { MessagePort, WireMessage } from './protocol';

/**
 * Two connected in-memory ports. Messages are structured-cloned and delivered on a later
 * microtask, as a real transport would: nothing is shared by reference, nothing is synchronous.
 */
export function createMemoryPortPair(): [MessagePort, MessagePort] {
  type End = { messageListeners: Set<(m: WireMessage) => void>; closeListeners: Set<() => void> };
  const ends: [End, End] = [
    { messageListeners: new Set(), closeListeners: new Set() },
    { messageListeners: new Set(), closeListeners: new Set() },
  ];
  let closed = false;

  const makePort = (self: End, other: End): MessagePort => ({
    send(message) {
      if (closed) return;
      const copy = structuredClone(message);
      queueMicrotask(() => {
        for (const listener of other.messageListeners) listener(copy);
      });
    },
    onMessage(listener) {
      self.messageListeners.add(listener);
      return () => self.messageListeners.delete(listener);
    },
    onClose(listener) {
      self.closeListeners.add(listener);
      return () => self.closeListeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      for (const end of ends) for (const listener of end.closeListeners) listener();
    },
  });

  return [makePort(ends[0], ends[1]), makePort(ends[1], ends[0])];
}
