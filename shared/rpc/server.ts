import { contract, type EventName, type EventPayload, type Handlers, type MethodName } from './contract';
import { toFieldIssues } from './issues';
import { RpcError, type MessagePort, type WireResult } from './protocol';
import { errorMessage } from '../errors';

type EventListener = (name: EventName, payload: unknown) => void;

export interface RpcServer {
  /** Validate, run and answer one call; never throws. */
  dispatch(method: string, args: unknown): Promise<WireResult>;
  publish<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

function isMethod(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract.methods, name);
}

export function createRpcServer(handlers: Handlers, onInternalError: (error: unknown) => void = () => {}): RpcServer {
  const listeners = new Set<EventListener>();

  async function dispatch(method: string, args: unknown): Promise<WireResult> {
    if (!isMethod(method)) {
      return {
        ok: false,
        error: { code: 'unknown-method', message: `Unknown method "${method}".`, reason: 'app.unknown-method', params: { method } },
      };
    }
    const spec = contract.methods[method];
    const parsed = spec.args.safeParse(args ?? {});
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      return {
        ok: false,
        error: { code: 'invalid-arguments', message: issues[0]?.message ?? 'Invalid arguments.', issues },
      };
    }
    try {
      const handler = handlers[method] as (a: unknown) => unknown;
      const result = spec.result.parse(await handler(parsed.data));
      return { ok: true, result };
    } catch (error) {
      if (error instanceof RpcError) return { ok: false, error: error.toWire() };
      onInternalError(error);
      const message = errorMessage(error);
      // An unforeseen failure has no sentence of its own: the UI frames its detail in the admin's language.
      return { ok: false, error: { code: 'internal', message, reason: 'app.internal', params: { detail: message } } };
    }
  }

  return {
    dispatch,
    publish(name, payload) {
      const checked = contract.events[name].parse(payload);
      for (const listener of listeners) listener(name, checked);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Serve one connection (a WebSocket or an in-memory port) until it closes. */
export function serveOverPort(server: RpcServer, port: MessagePort): void {
  const stopEvents = server.subscribe((name, payload) => port.send({ kind: 'event', name, payload }));
  const stopMessages = port.onMessage((message) => {
    if (message.kind !== 'request') return;
    void server.dispatch(message.method, message.args).then((outcome) => {
      port.send({ kind: 'response', id: message.id, outcome });
    });
  });
  port.onClose(() => {
    stopEvents();
    stopMessages();
  });
}
