import { acmeBackend } from './acme/feature';
import { appBackend } from './app/feature';
import { certificatesBackend } from './certificates/feature';
import { dnsBackend } from './dns/feature';
import { gatewayBackend } from './gateway/feature';
import { partnersBackend } from './partners/feature';
import { serveBackend } from './serve/feature';
import { settingsBackend } from './settings/feature';
import { topologyBackend } from './topology/feature';
import { trustBackend } from './trust/feature';

/**
 * Every feature's backend: handlers, services, listeners and `edgewiz` commands. The core and the
 * CLI are built from this list; the help lists the commands in this order. Each entry with RPC
 * methods has the id of a feature in shared/features.ts.
 */
export const backendFeatures = [
  topologyBackend,
  certificatesBackend,
  acmeBackend,
  partnersBackend,
  dnsBackend,
  gatewayBackend,
  trustBackend,
  serveBackend,
  appBackend,
  settingsBackend,
] as const;
