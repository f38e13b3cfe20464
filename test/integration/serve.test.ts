import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RpcClient, channelOverPort } from '../../shared/rpc/client';
import { startUiServer, type UiServer } from '../../electron/serve/ui-server';
import { webSocketPort } from '../../electron/serve/ws-port';
import { memoryCore, sampleTopology, tempDir } from '../support/core';

let ui: UiServer | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

async function start(server?: (core: ReturnType<typeof memoryCore>['core']) => Parameters<typeof startUiServer>[0]['server']) {
  const uiRoot = tempDir('edgewiz-ui-');
  mkdirSync(join(uiRoot, 'assets'));
  writeFileSync(join(uiRoot, 'index.html'), '<!doctype html><title>Edge Wizard</title>');
  writeFileSync(join(uiRoot, 'assets', 'app.js'), 'console.log(1)');
  const { core } = memoryCore();
  ui = await startUiServer({ server: server ? server(core) : core.server, uiRoot });
  return ui;
}

const protocols = (token: string) => ['edgewiz.rpc', `edgewiz.token.${token}`];

/** Opens a WebSocket and resolves with the HTTP status of a refused upgrade, or 101 when accepted. */
function upgradeStatus(url: string, headers: Record<string, string> = {}, offered: string[] = []): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, offered, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', (error) => {
      if (!String(error.message).startsWith('Unexpected server response')) reject(error);
    });
  });
}

/** A GET with any Host header (fetch does not let a test set Host). */
function rawGet(port: number, host: string): Promise<{ status: number; headers: Headers }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (response) => {
      response.resume();
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(name, value);
      resolve({ status: response.statusCode ?? 0, headers });
    });
    request.once('error', reject);
    request.end();
  });
}

describe('edgewiz serve', () => {
  it('binds loopback only and prints a URL with the token in the fragment', async () => {
    const server = await start();
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[\\w-]{32}$`));
  });

  it('refuses a WebSocket with a wrong or missing token, and a token in the URL', async () => {
    const server = await start();
    const base = `ws://127.0.0.1:${server.port}/rpc`;
    expect(await upgradeStatus(base, {}, protocols('wrong'))).toBe(401);
    expect(await upgradeStatus(base)).toBe(401);
    expect(await upgradeStatus(base, {}, ['edgewiz.rpc'])).toBe(401);
    expect(await upgradeStatus(base, {}, protocols(`${server.token}x`))).toBe(401);
    // The request line is logged by proxies and kept in histories: a token there is not accepted.
    expect(await upgradeStatus(`${base}?token=${server.token}`)).toBe(401);
    expect(await upgradeStatus(base, {}, protocols(server.token))).toBe(101);
  });

  it('answers with the RPC subprotocol only, never echoing the token', async () => {
    const server = await start();
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/rpc`, protocols(server.token));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    expect(socket.protocol).toBe('edgewiz.rpc');
    socket.close();
  });

  it('refuses a foreign Origin or Host even with the right token', async () => {
    const server = await start();
    const url = `ws://127.0.0.1:${server.port}/rpc`;
    const offered = protocols(server.token);
    expect(await upgradeStatus(url, { Origin: 'http://evil.example' }, offered)).toBe(403);
    expect(await upgradeStatus(url, { Host: `rebind.example:${server.port}` }, offered)).toBe(421);
    expect(await upgradeStatus(url, { Origin: `http://127.0.0.1:${server.port}` }, offered)).toBe(101);
  });

  it('sends the CSP and nosniff with its error answers too (404, 405, 421)', async () => {
    const server = await start();
    const answers = [
      await fetch(`http://127.0.0.1:${server.port}/missing.js`),
      await fetch(`http://127.0.0.1:${server.port}/`, { method: 'POST' }),
      await rawGet(server.port, `rebind.example:${server.port}`),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([404, 405, 421]);
    for (const answer of answers) {
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves RPC calls and events to an authorized client', async () => {
    const server = await start();
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/rpc`, protocols(server.token));
    await new Promise((resolve) => socket.once('open', resolve));
    const client = new RpcClient(channelOverPort(webSocketPort(socket)));
    const changed = new Promise((resolve) => client.on('topology.changed', resolve));
    const saved = await client.call('topology.set', { topology: { ...sampleTopology, xmppDomains: ['대한.한국'] } });
    expect(saved.xmppDomains).toEqual(['xn--vk1bp56d.xn--3e0b707e']);
    await expect(changed).resolves.toEqual(saved);
    await expect(client.call('topology.set', { topology: { ...sampleTopology, accessEdgeFqdn: '' } })).rejects.toMatchObject({
      code: 'invalid-arguments',
      issues: [expect.objectContaining({ path: ['topology', 'accessEdgeFqdn'], reason: 'dns.required' })],
    });
    socket.close();
  });

  it('listens before the RPC server is ready: a socket waits for it, and one that fails to load refuses sockets', async () => {
    let ready = (): void => {};
    const server = await start((core) => new Promise((resolve) => (ready = () => resolve(core.server))));
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/rpc`, protocols(server.token));
    const opened = new Promise((resolve, reject) => {
      socket.once('open', () => resolve('open'));
      socket.once('error', reject);
    });
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(200);
    ready();
    await expect(opened).resolves.toBe('open');
    const client = new RpcClient(channelOverPort(webSocketPort(socket)));
    await expect(client.call('topology.get', {})).resolves.toBeNull();
    socket.close();
    await ui?.close();

    const failed = await start(() => Promise.reject(new Error('core did not load')));
    expect(await upgradeStatus(`ws://127.0.0.1:${failed.port}/rpc`, {}, protocols(failed.token))).toBe(503);
  });

  it('serves the UI with its CSP, and nothing outside the UI folder', async () => {
    const server = await start();
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(await page.text()).toContain('Edge Wizard');
    expect((await fetch(`http://127.0.0.1:${server.port}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`http://127.0.0.1:${server.port}/assets/..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/`, { method: 'POST' })).status).toBe(405);
  });
});
