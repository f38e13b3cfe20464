import { describe, expect, it } from 'vitest';
import { RpcClient, channelOverPort } from '../../shared/rpc/client';
import { createMemoryPortPair } from '../../shared/rpc/memory';
import { RpcError } from '../../shared/rpc/protocol';
import { createCore } from '../../electron/core/core';
import { confBacking } from '../../electron/store/conf-backing';
import { memoryCore, sampleTopology, tempDir } from '../support/core';

describe('RPC over the in-memory transport', () => {
  it('saves a topology and returns it normalized', async () => {
    const { client } = memoryCore();
    const saved = await client.call('topology.set', {
      topology: { ...sampleTopology, sipDomains: ['Contoso.COM', 'bücher.example'] },
    });
    expect(saved.sipDomains).toEqual(['contoso.com', 'xn--bcher-kva.example']);
    expect(await client.call('topology.get', {})).toEqual(saved);
  });

  it('returns a typed error naming the field when the arguments fail the schema', async () => {
    const { client } = memoryCore();
    const error = await client
      .call('topology.set', { topology: { ...sampleTopology, accessEdgeFqdn: 'sip_edge.contoso.com' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    const rpc = error as RpcError;
    expect(rpc.code).toBe('invalid-arguments');
    expect(rpc.issues).toContainEqual(expect.objectContaining({ path: ['topology', 'accessEdgeFqdn'], reason: 'dns.underscore' }));
    expect(await client.call('topology.get', {})).toBeNull();
  });

  it('reports every bad field at once, with list indexes', async () => {
    const { client } = memoryCore();
    const error = (await client
      .call('topology.set', {
        topology: { ...sampleTopology, sipDomains: ['ok.com', '10.0.0.1'], xmppDomains: ['a_b.com'], edgePoolSize: 0 },
      })
      .catch((e: unknown) => e)) as RpcError;
    const paths = error.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['topology.sipDomains.1', 'topology.xmppDomains.0', 'topology.edgePoolSize']);
  });

  it('points a duplicate domain at its second occurrence', async () => {
    const { client } = memoryCore();
    const error = (await client
      .call('topology.set', { topology: { ...sampleTopology, sipDomains: ['contoso.com', 'CONTOSO.com'] } })
      .catch((e: unknown) => e)) as RpcError;
    expect(error.issues).toEqual([expect.objectContaining({ path: ['topology', 'sipDomains', 1], reason: 'topology.duplicate' })]);
  });

  it('refuses unknown methods and extra arguments', async () => {
    const { client } = memoryCore();
    await expect(client.call('no.such' as 'app.status', {})).rejects.toMatchObject({ code: 'unknown-method' });
    await expect(client.call('settings.update', { locale: 'ko', admin: true } as never)).rejects.toMatchObject({
      code: 'invalid-arguments',
    });
  });

  it('delivers events to every connected client', async () => {
    const { core, client } = memoryCore();
    const [serverPort, clientPort] = createMemoryPortPair();
    const { serveOverPort } = await import('../../shared/rpc/server');
    serveOverPort(core.server, serverPort);
    const other = new RpcClient(channelOverPort(clientPort));
    const seen = new Promise((resolve) => other.on('settings.changed', resolve));
    await client.call('settings.update', { locale: 'ko' });
    await expect(seen).resolves.toEqual({ locale: 'ko', theme: 'system' });
  });

  it('fails pending calls when the connection closes', async () => {
    const [, clientPort] = createMemoryPortPair();
    const client = new RpcClient(channelOverPort(clientPort));
    const pending = client.call('app.status', {});
    clientPort.close();
    await expect(pending).rejects.toMatchObject({ code: 'internal' });
  });

  it('answers app.status with the host and data dir', async () => {
    const { client, dataDir } = memoryCore();
    const status = await client.call('app.status', {});
    expect(status).toMatchObject({ host: 'memory', dataDir, storeRecovery: null });
  });
});

describe('desktop-only methods', () => {
  it('are refused with the reason outside the desktop app', async () => {
    const { client } = memoryCore();
    await expect(client.call('desktop.chooseSavePath', { defaultPath: '/tmp/a.req' })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('only available in the Edge Wizard desktop app'),
    });
  });

  it('reach the shell’s hooks when the host provides them', async () => {
    const shown: string[] = [];
    const core = createCore({
      dataDir: tempDir(),
      host: 'memory',
      storeBacking: confBacking,
      desktop: { chooseSavePath: async (defaultPath) => `${defaultPath}.chosen`, showItemInFolder: (path) => void shown.push(path) },
    });
    expect(await core.server.dispatch('desktop.chooseSavePath', { defaultPath: '/d/x.req' })).toEqual({
      ok: true,
      result: { path: '/d/x.req.chosen' },
    });
    expect(await core.server.dispatch('desktop.showItemInFolder', { path: '/d/x.req' })).toEqual({ ok: true, result: {} });
    expect(shown).toEqual(['/d/x.req']);
  });
});
