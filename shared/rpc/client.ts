import type { EventName, EventPayload, MethodArgs, MethodName, MethodResult } from './contract';
import { RpcError, type MessagePort, type WireResult } from './protocol';

/** What a client needs from a transport: request/response plus a stream of events. */
export interface ClientChannel {
  invoke(method: string, args: unknown): Promise<WireResult>;
  subscribe(event: string, callback: (payload: unknown) => void): () => void;
}

export class RpcClient {
  constructor(private readonly channel: ClientChannel) {}

  async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
    const outcome = await this.channel.invoke(method, args);
    if (!outcome.ok) throw RpcError.fromWire(outcome.error);
    return outcome.result as MethodResult<M>;
  }

  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void {
    return this.channel.subscribe(event, (payload) => callback(payload as EventPayload<E>));
  }
}

/** A client channel over a message pipe: requests carry ids, responses are matched to them. */
export function channelOverPort(port: MessagePort): ClientChannel {
  let nextId = 1;
  const pending = new Map<number, (outcome: WireResult) => void>();
  const listeners = new Set<(name: string, payload: unknown) => void>();

  port.onMessage((message) => {
    if (message.kind === 'response') {
      const settle = pending.get(message.id);
      pending.delete(message.id);
      settle?.(message.outcome);
    } else if (message.kind === 'event') {
      for (const listener of listeners) listener(message.name, message.payload);
    }
  });
  port.onClose(() => {
    for (const settle of pending.values()) {
      settle({ ok: false, error: { code: 'internal', message: 'The connection to Edge Wizard was closed.' } });
    }
    pending.clear();
  });

  return {
    invoke(method, args) {
      const id = nextId++;
      return new Promise<WireResult>((resolve) => {
        pending.set(id, resolve);
        port.send({ kind: 'request', id, method, args });
      });
    },
    subscribe(event, callback) {
      const listener = (name: string, payload: unknown) => {
        if (name === event) callback(payload);
      };
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
