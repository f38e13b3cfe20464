import { mkdirSync, writeFileSync } from 'node:fs';
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

async function start() {
  const uiRoot = tempDir('edgewiz-ui-');
  mkdirSync(join(uiRoot, 'assets'));
  writeFileSync(join(uiRoot, 'index.html'), '<!doctype html><title>Edge Wizard</title>');
  writeFileSync(join(uiRoot, 'assets', 'app.js'), 'console.log(1)');
  const { core } = memoryCore();
  ui = await startUiServer({ server: core.server, uiRoot });
  return ui;
}

/** Opens a WebSocket and resolves with the HTTP status of a refused upgrade, or 101 when accepted. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
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

describe('edgewiz serve', () => {
  it('binds loopback only and prints a URL with the token in the fragment', async () => {
    const server = await start();
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[\\w-]{32}$`));
  });

  it('refuses a WebSocket with a wrong or missing token', async () => {
    const server = await start();
    const base = `ws://127.0.0.1:${server.port}/rpc`;
    expect(await upgradeStatus(`${base}?token=wrong`)).toBe(401);
    expect(await upgradeStatus(base)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${server.token}x`)).toBe(401);
  });

  it('refuses a foreign Origin or Host even with the right token', async () => {
    const server = await start();
    const url = `ws://127.0.0.1:${server.port}/rpc?token=${server.token}`;
    expect(await upgradeStatus(url, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { Host: `rebind.example:${server.port}` })).toBe(421);
    expect(await upgradeStatus(url, { Origin: `http://127.0.0.1:${server.port}` })).toBe(101);
  });

  it('serves RPC calls and events to an authorized client', async () => {
    const server = await start();
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`);
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
