import { createContext, useContext } from 'react';
import type { RpcClient } from '../../shared/rpc/client';
import type { AppStatus } from '../../shared/rpc/contract';

export const RpcContext = createContext<RpcClient | null>(null);

/** Where the UI runs: the desktop app offers system dialogs that `serve` in a browser cannot. */
export const HostContext = createContext<AppStatus['host']>('serve');

export function useRpc(): RpcClient {
  const client = useContext(RpcContext);
  if (!client) throw new Error('useRpc outside RpcContext');
  return client;
}
