import { createServer, request, type Server } from 'node:http';
import type { AcmeHttp } from '../../shared/acme/acme';
import { AcmeError, detailOf } from '../../shared/acme/errors';

const PREFIX = '/.well-known/acme-challenge/';

/** The http-01 listener: answers only the tokens of the running order, and only while it runs. */
export class Http01Listener {
  private readonly tokens = new Map<string, string>();
  private server: Server | undefined;

  constructor(private readonly settings: AcmeHttp) {}

  async open(): Promise<void> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      const answer = path.startsWith(PREFIX) ? this.tokens.get(path.slice(PREFIX.length)) : undefined;
      if (req.method !== 'GET' || answer === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(answer);
    });
    server.requestTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(
          new AcmeError('acme.http-port', {
            address: this.settings.address,
            port: String(this.settings.port),
            detail: (error as NodeJS.ErrnoException).code ?? detailOf(error),
          }),
        ),
      );
      server.listen(this.settings.port, this.settings.address, () => resolve());
    });
    this.server = server;
  }

  publish(token: string, keyAuthorization: string): void {
    this.tokens.set(token, keyAuthorization);
  }

  remove(token: string): void {
    this.tokens.delete(token);
  }

  /** Asks the listener through the network as the CA will, with the name in the Host header (bounded). */
  async waitVisible(name: string, token: string, expected: string, timeoutMs: number): Promise<void> {
    const host = ['0.0.0.0', '::', ''].includes(this.settings.address) ? '127.0.0.1' : this.settings.address;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const body = await new Promise<string | null>((resolve) => {
        const req = request(
          { host, port: this.settings.port, path: `${PREFIX}${token}`, headers: { host: name }, timeout: 2000 },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve(res.statusCode === 200 ? text : null));
          },
        );
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(null));
        req.end();
      });
      if (body === expected) return;
      if (Date.now() >= deadline)
        throw new AcmeError('acme.not-visible', {
          name,
          server: `${host}:${this.settings.port}`,
          seconds: String(Math.round(timeoutMs / 1000)),
        });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  close(): Promise<void> {
    this.tokens.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  }
}
