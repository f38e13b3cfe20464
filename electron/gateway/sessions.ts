import { connect } from 'node:net';
import { RpcError, type MessageParams } from '../../shared/rpc/protocol';
import { gatewaySessionSchema, type GatewaySession } from '../../shared/gateway/sessions';

/**
 * Asks the running gateway over its admin socket (mod_admin_socket: a Unix socket inside the
 * gateway's 0700 folder) and returns the text of its answer. mod_edgewiz_partners answers the
 * requests named here; nothing is read from the log.
 */
function adminRequest(socketPath: string, element: string, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let received = '';
    const fail = (reason: string, params: MessageParams, message: string) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new RpcError('refused', message, [], { reason, params }));
    };
    const timer = setTimeout(
      () =>
        fail(
          'sessions.timeout',
          { seconds: timeoutMs / 1000 },
          `The gateway did not answer on its admin socket within ${timeoutMs / 1000} s.`,
        ),
      timeoutMs,
    );
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      socket.write(
        "<?xml version='1.0'?><stream:stream xmlns='xmpp:prosody.im/admin' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>",
      );
      socket.write(element);
    });
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.length > 8 * 1024 * 1024)
        return fail('sessions.oversized', {}, 'The gateway sent an oversized answer on its admin socket.');
      const match = /<repl-result type=["'](\w+)["']\s*(?:\/>|>([\s\S]*?)<\/repl-result>)/.exec(received);
      if (!match) return;
      clearTimeout(timer);
      socket.end('</stream:stream>');
      const text = unescapeXml(match[2] ?? '');
      if (match[1] !== 'ok')
        reject(
          new RpcError('refused', `The gateway refused the request: ${text}`, [], { reason: 'sessions.refused', params: { detail: text } }),
        );
      else resolve(text);
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' || error.code === 'ECONNREFUSED'
        ? fail('sessions.not-running', {}, 'The gateway is not running: start it to see its sessions.')
        : fail('sessions.socket-failed', { detail: error.code ?? error.message }, `The gateway's admin socket failed: ${error.message}`),
    );
    socket.on('close', () => fail('sessions.closed', {}, 'The gateway closed its admin socket without answering.'));
  });
}

const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, name: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (name[0] !== '#') return named[name.toLowerCase()];
    return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
  });

/** X.509 times from LuaSec look like "Nov 30 06:00:00 2026 GMT"; ISO for everyone else. */
const isoTime = (value: unknown): unknown => {
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  return value;
};

export async function readSessions(socketPath: string): Promise<GatewaySession[]> {
  const text = await adminRequest(socketPath, '<edgewiz-sessions/>');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new RpcError('internal', 'The gateway answered the session request with something that is not JSON.', [], {
      reason: 'sessions.bad-answer',
    });
  }
  if (!Array.isArray(raw))
    throw new RpcError('internal', 'The gateway answered the session request with something that is not a list.', [], {
      reason: 'sessions.bad-answer',
    });
  return raw.map((entry: Record<string, unknown>) => {
    const tls = entry.tls as Record<string, unknown> | null;
    const cert = tls?.peerCertificate as Record<string, unknown> | null | undefined;
    return gatewaySessionSchema.parse({
      ...entry,
      since: entry.since === null ? null : isoTime(entry.since),
      tls: tls && {
        ...tls,
        peerCertificate: cert ? { ...cert, notBefore: isoTime(cert.notBefore), notAfter: isoTime(cert.notAfter) } : null,
      },
    });
  });
}

export async function disconnectDomain(socketPath: string, domain: string): Promise<number> {
  const attr = domain.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return Number(await adminRequest(socketPath, `<edgewiz-disconnect domain='${attr}'/>`));
}
