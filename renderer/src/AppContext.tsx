import { createContext, useContext } from 'react';
import type { RpcClient } from '../../shared/rpc/client';

export const RpcContext = createContext<RpcClient | null>(null);

export function useRpc(): RpcClient {
  const client = useContext(RpcContext);
  if (!client) throw new Error('useRpc outside RpcContext');
  return client;
}
