import { createHash, X509Certificate } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { ProbeResult, ServedCertificate, StreamFeatures } from '../../shared/gateway/types';
import type { MessageParams } from '../../shared/rpc/protocol';

/** A failed probe step as a code and its values; the English message is for logs and the CLI. */
class ProbeFailure extends Error {
  constructor(
    readonly reason: string,
    readonly params: MessageParams,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Health probe of an XMPP server port: open a server-to-server stream (jabber:server, `to` the
 * domain), read the stream features, and optionally do STARTTLS to read the certificate the
 * server presents for that domain. Never throws: failures come back as `ok: false` with `error`.
 */

export interface ProbeOptions {
  host: string;
  port: number;
  /** The XMPP domain the stream is addressed to (and the TLS server name). */
  domain: string;
  /** Negotiate TLS when offered and read the served certificate. */
  starttls?: boolean;
  /** Our own domain, sent as `from` (optional: servers accept a stream without it for probing). */
  from?: string;
  timeoutMs?: number;
}

const STREAM_NS = 'http://etherx.jabber.org/streams';
const TLS_NS = 'urn:ietf:params:xml:ns:xmpp-tls';
const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl';
const DIALBACK_FEATURE_NS = 'urn:xmpp:features:dialback';

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const xmlEscape = (value: string) => value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
const xmlUnescape = (value: string) =>
  value.replace(/&(lt|gt|amp|apos|quot|#\d+|#x[0-9a-f]+);/gi, (whole, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
    if (entity in named) return named[entity];
    const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
  });

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Incremental reader of the top-level stream: the stream header, then each complete child of
 * <stream:stream> as a small element tree. Enough XML for stream negotiation, nothing more.
 */
class StreamReader {
  private buffer = '';
  private stack: XmlElement[] = [];
  header: Record<string, string> | null = null;
  closed = false;

  constructor(private readonly onElement: (element: XmlElement) => void) {}

  reset(): void {
    this.buffer = '';
    this.stack = [];
    this.header = null;
  }

  push(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const open = this.buffer.indexOf('<');
      if (open < 0) {
        this.text(this.buffer);
        this.buffer = '';
        return;
      }
      if (open > 0) {
        this.text(this.buffer.slice(0, open));
        this.buffer = this.buffer.slice(open);
      }
      const end = this.tagEnd();
      if (end < 0) return;
      const tag = this.buffer.slice(0, end + 1);
      this.buffer = this.buffer.slice(end + 1);
      this.tag(tag);
    }
  }

  /** Index of the '>' closing the tag at the buffer's start (quotes respected), or -1. */
  private tagEnd(): number {
    let quote = '';
    for (let i = 1; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') return i;
    }
    return -1;
  }

  private text(value: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top) top.text += xmlUnescape(value);
  }

  private tag(tag: string): void {
    if (tag.startsWith('<?') || tag.startsWith('<!')) return;
    if (tag.startsWith('</')) {
      const name = tag.slice(2, -1).trim();
      if (localName(name) === 'stream' && this.stack.length === 0) {
        this.closed = true;
        return;
      }
      const element = this.stack.pop();
      if (element && this.stack.length === 0) this.onElement(element);
      return;
    }
    const selfClosing = tag.endsWith('/>');
    const body = tag.slice(1, selfClosing ? -2 : -1);
    const nameMatch = /^[^\s/>]+/.exec(body);
    if (!nameMatch) return;
    const attrs: Record<string, string> = {};
    for (const match of body.slice(nameMatch[0].length).matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attrs[match[1]] = xmlUnescape(match[2] ?? match[3] ?? '');
    }
    const element: XmlElement = { name: nameMatch[0], attrs, children: [], text: '' };
    if (this.header === null && localName(element.name) === 'stream') {
      this.header = attrs;
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(element);
    if (selfClosing) {
      if (!parent) this.onElement(element);
    } else this.stack.push(element);
  }
}

/** The namespace of an element: its own xmlns (prefixed or not), else what the prefix means by convention. */
function namespaceOf(element: XmlElement): string | undefined {
  const colon = element.name.indexOf(':');
  if (colon >= 0) {
    const prefix = element.name.slice(0, colon);
    return element.attrs[`xmlns:${prefix}`] ?? (prefix === 'stream' ? STREAM_NS : undefined);
  }
  return element.attrs.xmlns;
}

export function parseStreamFeatures(features: XmlElement): StreamFeatures {
  const find = (name: string, ns: string) => features.children.find((child) => localName(child.name) === name && namespaceOf(child) === ns);
  const starttls = find('starttls', TLS_NS);
  const mechanisms = find('mechanisms', SASL_NS);
  return {
    starttls: starttls !== undefined,
    starttlsRequired: starttls?.children.some((child) => localName(child.name) === 'required') ?? false,
    dialback: find('dialback', DIALBACK_FEATURE_NS) !== undefined,
    saslMechanisms: mechanisms?.children.filter((child) => localName(child.name) === 'mechanism').map((child) => child.text.trim()) ?? [],
    names: features.children.map((child) => localName(child.name)),
  };
}

export function describeCertificate(raw: Buffer): ServedCertificate {
  const cert = new X509Certificate(raw);
  const sans = (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4));
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    sans,
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
    spkiSha256: createHash('sha256')
      .update(cert.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex'),
  };
}

function streamHeader(options: ProbeOptions): string {
  const from = options.from ? ` from='${xmlEscape(options.from)}'` : '';
  return (
    `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='${STREAM_NS}' ` +
    `xmlns:db='jabber:server:dialback' to='${xmlEscape(options.domain)}'${from} version='1.0'>`
  );
}

/** One socket's worth of stream: waits for the next top-level element (or the stream's end). */
class StreamSession {
  private readonly reader: StreamReader;
  private queue: XmlElement[] = [];
  private waiter: ((element: XmlElement | null) => void) | null = null;
  private failure: Error | null = null;
  private closeListeners: (() => void)[] = [];

  constructor(private socket: Socket | TLSSocket) {
    this.reader = new StreamReader((element) => this.deliver(element));
    this.attach(socket);
  }

  attach(socket: Socket | TLSSocket): void {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.reader.push(chunk);
      if (this.reader.closed) {
        this.deliver(null);
        for (const listener of this.closeListeners.splice(0)) listener();
      }
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new ProbeFailure('xmpp.closed', {}, 'The server closed the connection.')));
  }

  detach(): void {
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('error');
    this.socket.removeAllListeners('close');
  }

  restart(options: ProbeOptions): void {
    this.reader.reset();
    this.queue = [];
    this.socket.write(streamHeader(options));
  }

  get streamId(): string | undefined {
    return this.reader.header?.id;
  }

  private deliver(element: XmlElement | null): void {
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter(element);
    } else if (element) this.queue.push(element);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    if (this.waiter) this.deliver(null);
  }

  next(): Promise<XmlElement | null> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure || this.reader.closed) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  get error(): Error | null {
    return this.failure;
  }

  /** The server sent its </stream:stream>. */
  get closedByServer(): boolean {
    return this.reader.closed;
  }

  onClosed(listener: () => void): void {
    this.closeListeners.push(listener);
    if (this.reader.closed) listener();
  }
}

function streamErrorCondition(element: XmlElement): string {
  const condition = element.children.find((child) => localName(child.name) !== 'text');
  const text = element.children.find((child) => localName(child.name) === 'text')?.text;
  return [condition ? localName(condition.name) : 'undefined-condition', text].filter(Boolean).join(': ');
}

function openSocket(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host, port });
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function upgradeToTls(socket: Socket, servername: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    // The probe reports what is served; it does not judge trust (a self-signed or private CA is shown as is).
    const tls = connectTls({ socket, servername, rejectUnauthorized: false, ALPNProtocols: ['xmpp-server'] });
    tls.once('secureConnect', () => {
      tls.removeListener('error', reject);
      resolve(tls);
    });
    tls.once('error', reject);
  });
}

/** How long the probe waits for the server's own </stream:stream> before dropping the connection. */
const CLOSE_WAIT_MS = 500;

/**
 * Closes the stream politely: sends </stream:stream>, then waits (bounded) until the server has
 * closed the connection too, so a stop right after a probe never finds the probe's session
 * still open (Prosody would then wait up to a second for it).
 */
function closeStream(socket: Socket | TLSSocket, session: StreamSession): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, CLOSE_WAIT_MS);
    const finish = () => {
      clearTimeout(timer);
      resolve();
    };
    if (socket.destroyed || socket.readableEnded) return finish();
    socket.once('end', finish);
    socket.once('close', finish);
    // The server's </stream:stream> comes first; its end of the connection follows.
    session.onClosed(() => socket.end());
    if (!session.closedByServer) socket.write('</stream:stream>');
  });
}

/** Probes an XMPP server port. */
export async function probeXmppServer(options: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now();
  const result: ProbeResult = {
    ok: false,
    at: new Date(started).toISOString(),
    host: options.host,
    port: options.port,
    domain: options.domain,
    durationMs: 0,
    features: null,
  };
  let socket: Socket | TLSSocket | undefined;
  const timeoutMs = options.timeoutMs ?? 5000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeFailure('xmpp.timeout', { ms: timeoutMs }, `No answer within ${timeoutMs} ms.`)), timeoutMs);
  });

  let session: StreamSession | undefined;
  const negotiate = async () => {
    const tcp = await openSocket(options.host, options.port);
    socket = tcp;
    session = new StreamSession(tcp);
    const stream = session;
    stream.restart(options);

    const readFeatures = async (): Promise<XmlElement> => {
      const element = await stream.next();
      if (!element) throw stream.error ?? new ProbeFailure('xmpp.closed', {}, 'The server closed the stream without features.');
      if (localName(element.name) === 'error' && namespaceOf(element) === STREAM_NS) {
        result.streamError = streamErrorCondition(element);
        throw new ProbeFailure(
          'xmpp.stream-error',
          { condition: result.streamError },
          `The server sent a stream error: ${result.streamError}.`,
        );
      }
      if (localName(element.name) !== 'features')
        throw new ProbeFailure('xmpp.unexpected', { element: element.name }, `Expected stream features, got <${element.name}>.`);
      return element;
    };

    result.features = parseStreamFeatures(await readFeatures());
    result.streamId = stream.streamId;
    if (!options.starttls || !result.features.starttls) {
      if (options.starttls) throw new ProbeFailure('xmpp.no-starttls', {}, 'The server does not offer STARTTLS.');
      return;
    }

    tcp.write(`<starttls xmlns='${TLS_NS}'/>`);
    const answer = await stream.next();
    if (!answer || localName(answer.name) !== 'proceed') {
      throw answer
        ? new ProbeFailure('xmpp.starttls-refused', { element: answer.name }, `STARTTLS refused (<${answer.name}>).`)
        : new ProbeFailure('xmpp.closed', {}, 'The server closed the stream after STARTTLS.');
    }
    stream.detach();
    const secure = await upgradeToTls(tcp, options.domain);
    socket = secure;
    const peer: PeerCertificate = secure.getPeerCertificate();
    result.tls = {
      protocol: secure.getProtocol() ?? 'unknown',
      cipher: secure.getCipher().name,
      certificate: peer?.raw ? describeCertificate(peer.raw) : null,
      features: null,
    };
    stream.attach(secure);
    stream.restart(options);
    try {
      result.tls.features = parseStreamFeatures(await readFeatures());
    } catch (error) {
      // A partner-only gateway may refuse an anonymous stream once it is encrypted: it answered,
      // negotiated TLS and served its certificate, which is all the probe checks.
      if (!result.streamError?.startsWith('policy-violation')) throw error;
      result.policyRefusal = result.streamError;
    }
  };

  try {
    await Promise.race([negotiate(), timeout]);
    result.ok = true;
    if (socket && session) await closeStream(socket, session);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED') result.refused = true;
    result.error =
      code === 'ECONNREFUSED'
        ? `Nothing is listening on ${options.host}:${options.port}.`
        : error instanceof Error
          ? error.message
          : String(error);
    // Socket and TLS errors keep Node's own wording (with its code) as their detail.
    const coded =
      code === 'ECONNREFUSED'
        ? { reason: 'xmpp.refused', params: { host: options.host, port: options.port } }
        : error instanceof ProbeFailure
          ? { reason: error.reason, params: error.params }
          : { reason: 'xmpp.failed', params: { detail: result.error } };
    result.reason = coded.reason;
    result.params = coded.params;
  } finally {
    clearTimeout(timer);
    socket?.destroy();
    result.durationMs = Date.now() - started;
  }
  return result;
}

/** Whether anything accepts TCP connections on host:port (no XMPP spoken). */
export function isPortOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
