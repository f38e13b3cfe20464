import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RpcClient, channelOverPort } from '../../shared/rpc/client';
import { createMemoryPortPair } from '../../shared/rpc/memory';
import { serveOverPort } from '../../shared/rpc/server';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core';
import { confBacking } from '../../electron/store/conf-backing';

export function tempDir(prefix = 'edgewiz-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A core on a fresh data dir and a client talking to it over the in-memory transport. */
export function memoryCore(
  dataDir = tempDir(),
  options: Partial<CoreOptions> = {},
): { core: Core; client: RpcClient; dataDir: string; log: string[]; close: () => void } {
  const log: string[] = [];
  const core = createCore({ dataDir, host: 'memory', storeBacking: confBacking, log: (m) => log.push(m), ...options });
  const [serverPort, clientPort] = createMemoryPortPair();
  serveOverPort(core.server, serverPort);
  return { core, client: new RpcClient(channelOverPort(clientPort)), dataDir, log, close: () => clientPort.close() };
}

export const sampleTopology = {
  sipDomains: ['contoso.com', 'fabrikam.com'],
  accessEdgeFqdn: 'sip.contoso.com',
  webConferencingEdgeFqdn: 'webcon.contoso.com',
  internalEdgeFqdn: 'edge-int.contoso.local',
  xmppDomains: ['contoso.com'],
  edgePoolSize: 1,
};
