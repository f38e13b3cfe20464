import { acmeFeature } from './acme/rpc';
import { appFeature } from './app/rpc';
import { certificatesFeature } from './certificates/rpc';
import { dnsFeature } from './dns/rpc';
import { gatewayFeature } from './gateway/rpc';
import { partnersFeature } from './partners/rpc';
import { settingsFeature } from './settings/rpc';
import { topologyFeature } from './topology/rpc';
import { trustFeature } from './trust/rpc';

/**
 * Every feature's RPC methods, events and store keys: the contract and the store are built from
 * this list, and the backend's list (electron/features.ts) has one entry per id here.
 */
export const rpcFeatures = [
  appFeature,
  settingsFeature,
  topologyFeature,
  certificatesFeature,
  acmeFeature,
  partnersFeature,
  dnsFeature,
  gatewayFeature,
  trustFeature,
] as const;

export type RpcFeatures = typeof rpcFeatures;
export type FeatureId = RpcFeatures[number]['id'];
/** One feature's definition by its id. */
export type RpcFeatureOf<Id extends FeatureId> = Extract<RpcFeatures[number], { id: Id }>;
