import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { webSocketPort } from '../../electron/serve/ws-port';
import { RpcClient, channelOverPort } from '../../shared/rpc/client';
import type { RpcError } from '../../shared/rpc/protocol';
import { startServe, type Served } from '../e2e/support';
import { profileInput } from '../support/certificates';
import { sampleTopology, tempDir } from '../support/core';

let served: Served | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((socket) => socket.close());
  await served?.stop();
  served = undefined;
});

/** The real `edgewiz serve` with HOME at `home`, and an RPC client on its WebSocket. */
async function serve(home: string, extraArgs: string[] = []): Promise<RpcClient> {
  served = await startServe(tempDir(), { HOME: home }, extraArgs);
  const url = new URL(served.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  const socket = new WebSocket(`ws://${url.host}/rpc`, ['edgewiz.rpc', `edgewiz.token.${token}`]);
  sockets.push(socket);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const client = new RpcClient(channelOverPort(webSocketPort(socket)));
  await client.call('topology.set', { topology: sampleTopology });
  return client;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: RpcError) => error,
  );

describe('where a browser page may make edgewiz serve write (the real serve process)', () => {
  it('writes requests in the home folder only, and never replaces a file that is not a request', { timeout: 120_000 }, async () => {
    const home = tempDir('edgewiz-home-');
    const elsewhere = tempDir('edgewiz-elsewhere-');
    const client = await serve(home);
    const profile = profileInput({ request: { keySize: 2048 } });

    const outside = await refusal(client.call('certificates.request', { profile, out: join(elsewhere, 'edge.req') }));
    expect(outside?.issues[0]?.reason).toBe('path.outside-allowed');
    expect((await client.call('files.checkSavePath', { path: join(elsewhere, 'edge.req') })).reason).toBe('path.outside-allowed');

    const precious = join(home, '.bashrc');
    writeFileSync(precious, 'export PATH=/usr/bin\n');
    const replaced = await refusal(client.call('certificates.request', { profile, out: precious, overwrite: true }));
    expect(replaced?.issues[0]?.reason).toBe('path.not-replaceable');
    expect(readFileSync(precious, 'utf8')).toBe('export PATH=/usr/bin\n');

    const out = join(home, 'edge.req');
    expect((await client.call('certificates.request', { profile, out })).out).toBe(out);
    // An existing request may be replaced when the admin confirms it.
    const again = await client.call('certificates.request', { profile, out, overwrite: true });
    expect(readFileSync(out, 'utf8')).toBe(again.csrPem);
  });

  it('also writes in a folder given with --save-dir', { timeout: 120_000 }, async () => {
    const chosen = tempDir('edgewiz-chosen-');
    mkdirSync(join(chosen, 'requests'));
    const client = await serve(tempDir('edgewiz-home-'), ['--save-dir', chosen]);
    const out = join(chosen, 'requests', 'edge.req');
    expect((await client.call('certificates.request', { profile: profileInput({ request: { keySize: 2048 } }), out })).out).toBe(out);
  });
});
