import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { RpcServer } from '../../shared/rpc/server';
import { contentTypeFor, resolveUiAsset, securityHeaders } from '../security';
import { webSocketPort } from './ws-port';

export interface UiServerOptions {
  /** May still be loading: the server listens (and serves the page) at once, and sockets wait for it. */
  server: RpcServer | Promise<RpcServer>;
  /** Folder holding the built renderer (index.html and assets). */
  uiRoot: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface UiServer {
  readonly port: number;
  readonly token: string;
  /** The address to open: the token travels in the fragment, never in a request line. */
  readonly url: string;
  close(): Promise<void>;
}

const BIND_ADDRESS = '127.0.0.1';
/** The WebSocket subprotocol of the RPC, and the prefix of the one that carries the token. */
const RPC_PROTOCOL = 'edgewiz.rpc';
const TOKEN_PROTOCOL_PREFIX = 'edgewiz.token.';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `edgewiz serve`: the same UI and RPC as the desktop app, over HTTP and a WebSocket on
 * loopback. Host and Origin are checked against the loopback names (DNS rebinding), and the
 * WebSocket needs the per-run token, offered as a subprotocol.
 */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  // A new token per run: an address printed by an earlier run opens nothing.
  const token = randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = () => [`${BIND_ADDRESS}:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((host) => `http://${host}`);

  const http = createServer((request, response) => {
    void serveAsset(request, response);
  });

  // Every answer, errors included, carries the CSP and nosniff: an error page is a page too.
  const headers = () => ({ ...securityHeaders([`ws://${BIND_ADDRESS}:${port}`, `ws://localhost:${port}`]), 'Cache-Control': 'no-store' });

  async function serveAsset(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(request.headers.host ?? '')) {
      response.writeHead(421, { ...headers(), 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers(), Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveUiAsset(options.uiRoot, `http://${BIND_ADDRESS}${request.url ?? '/'}`);
    if (!file) {
      response.writeHead(404, headers()).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { ...headers(), 'Content-Type': contentTypeFor(file) });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, headers()).end();
    }
  }

  // ws and the RPC side (contract, zod) load after the server listens; the first socket waits for them.
  // One that fails to load is the caller's to report; here it only refuses sockets.
  Promise.resolve(options.server).catch(() => undefined);
  let sockets: Promise<{ wss: WebSocketServer; connect: (ws: WebSocket) => void }> | undefined;
  const socketSide = () =>
    (sockets ??= Promise.all([options.server, import('ws'), import('../../shared/rpc/server')]).then(
      ([server, { WebSocketServer }, { serveOverPort }]) => ({
        // The token is offered as a subprotocol (a header, never the request line or a log); the answer names only RPC_PROTOCOL.
        wss: new WebSocketServer({
          noServer: true,
          maxPayload: 4 * 1024 * 1024,
          handleProtocols: (protocols) => (protocols.has(RPC_PROTOCOL) ? RPC_PROTOCOL : false),
        }),
        connect: (ws: WebSocket) => serveOverPort(server, webSocketPort(ws)),
      }),
    ));
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(request.url ?? '/', `http://${BIND_ADDRESS}`);
    if (url.pathname !== '/rpc') return refuse('404 Not Found');
    if (!allowedHosts().includes(request.headers.host ?? '')) return refuse('421 Misdirected Request');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin)) return refuse('403 Forbidden');
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((protocol) => protocol.trim());
    const given = offered.find((protocol) => protocol.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length) ?? '';
    if (!offered.includes(RPC_PROTOCOL) || !sameSecret(given, token)) return refuse('401 Unauthorized');
    socketSide().then(
      ({ wss, connect }) => wss.handleUpgrade(request, socket, head, connect),
      () => refuse('503 Service Unavailable'),
    );
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, BIND_ADDRESS, () => resolve());
  });
  port = (http.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://${BIND_ADDRESS}:${port}/#token=${token}`,
    async close() {
      const side = await sockets?.catch(() => undefined);
      for (const client of side?.wss.clients ?? []) client.terminate();
      side?.wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
