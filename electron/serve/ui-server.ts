import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { serveOverPort, type RpcServer } from '../../shared/rpc/server';
import { contentTypeFor, resolveUiAsset, securityHeaders } from '../security';
import { webSocketPort } from './ws-port';

export interface UiServerOptions {
  server: RpcServer;
  /** Folder holding the built renderer (index.html and assets). */
  uiRoot: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
}

export interface UiServer {
  readonly port: number;
  readonly token: string;
  /** The address to open: the token travels in the fragment, never in a request line. */
  readonly url: string;
  close(): Promise<void>;
}

const BIND_ADDRESS = '127.0.0.1';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `edgewiz serve`: the same UI and RPC as the desktop app, over HTTP and a WebSocket on
 * loopback. Host and Origin are checked against the loopback names (DNS rebinding), and the
 * WebSocket needs the per-run token.
 */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = () => [`${BIND_ADDRESS}:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((host) => `http://${host}`);

  const http = createServer((request, response) => {
    void serveAsset(request, response);
  });

  async function serveAsset(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(request.headers.host ?? '')) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveUiAsset(options.uiRoot, `http://${BIND_ADDRESS}${request.url ?? '/'}`);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        ...securityHeaders([`ws://${BIND_ADDRESS}:${port}`, `ws://localhost:${port}`]),
        'Content-Type': contentTypeFor(file),
        'Cache-Control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404).end();
    }
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(request.url ?? '/', `http://${BIND_ADDRESS}`);
    if (url.pathname !== '/rpc') return refuse('404 Not Found');
    if (!allowedHosts().includes(request.headers.host ?? '')) return refuse('421 Misdirected Request');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin)) return refuse('403 Forbidden');
    if (!sameSecret(url.searchParams.get('token') ?? '', token)) return refuse('401 Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => serveOverPort(options.server, webSocketPort(ws)));
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
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
