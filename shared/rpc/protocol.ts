/** Wire format shared by every transport (in-memory, WebSocket, Electron IPC). */

export type ErrorCode = 'invalid-arguments' | 'unknown-method' | 'refused' | 'not-found' | 'forbidden' | 'internal';

export interface FieldIssue {
  /** Path of the offending field inside the call's arguments, e.g. ["topology", "sipDomains", 0]. */
  path: (string | number)[];
  /** Stable machine code the UI translates, e.g. "dns.underscore". */
  reason: string;
  /** English sentence, used when no translation exists. */
  message: string;
  /** The values the translated sentence needs, e.g. { max: 1024 }. */
  params?: MessageParams;
}

export type MessageParams = Record<string, string | number>;

/** What went wrong as a stable code and its values, so each front end says it in its own language. */
export interface CodedMessage {
  reason: string;
  params?: MessageParams;
}

export interface WireError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  reason?: string;
  params?: MessageParams;
}

export type WireResult = { ok: true; result: unknown } | { ok: false; error: WireError };

export type WireMessage =
  | { kind: 'request'; id: number; method: string; args: unknown }
  | { kind: 'response'; id: number; outcome: WireResult }
  | { kind: 'event'; name: string; payload: unknown };

export class RpcError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  /** The message as a code and values (the English `message` is for logs and the CLI). */
  readonly coded: CodedMessage | undefined;

  constructor(code: ErrorCode, message: string, issues: FieldIssue[] = [], coded?: CodedMessage) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.issues = issues;
    this.coded = coded;
  }

  toWire(): WireError {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues.length > 0 ? { issues: this.issues } : {}),
      ...(this.coded ? { reason: this.coded.reason, ...(this.coded.params ? { params: this.coded.params } : {}) } : {}),
    };
  }

  static fromWire(error: WireError): RpcError {
    const coded =
      typeof error.reason === 'string' ? { reason: error.reason, ...(error.params ? { params: error.params } : {}) } : undefined;
    return new RpcError(error.code, error.message, error.issues ?? [], coded);
  }
}

/** A bidirectional message pipe: what WebSocket and in-memory transports have in common. */
export interface MessagePort {
  send(message: WireMessage): void;
  onMessage(listener: (message: WireMessage) => void): () => void;
  onClose(listener: () => void): () => void;
  close(): void;
}

export function isWireMessage(value: unknown): value is WireMessage {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'request' || kind === 'response' || kind === 'event';
}
