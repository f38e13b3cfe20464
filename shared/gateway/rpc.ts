import { z } from 'zod';
import { noArgs } from '../rpc/schemas';
import { MAX_LOG_LINES } from './log-lines';
import { gatewayDisconnectSchema, gatewaySessionsSchema } from './sessions';
import { defaultGatewaySettings, gatewayLogSchema, gatewaySettingsSchema, gatewayStatusSchema, partnersAppliedSchema } from './types';
import { defineRpcFeature, storeSlice } from '../rpc/feature';

export const gatewayMethods = {
  'gateway.status': { args: noArgs, result: gatewayStatusSchema },
  /** Resolves once the gateway answers on its s2s port with stream features (or refuses with the log tail). */
  'gateway.start': { args: noArgs, result: gatewayStatusSchema },
  'gateway.stop': { args: noArgs, result: gatewayStatusSchema },
  'gateway.restart': { args: noArgs, result: gatewayStatusSchema },
  /** Rewrites the configuration and asks the running gateway to reread it. */
  'gateway.reload': { args: noArgs, result: gatewayStatusSchema },
  'gateway.logs': { args: z.object({ lines: z.number().int().min(1).max(MAX_LOG_LINES).optional() }).strict(), result: gatewayLogSchema },
  /** The running gateway's s2s sessions, read from Prosody itself. */
  'gateway.sessions': { args: noArgs, result: gatewaySessionsSchema },
  /** Closes every open s2s stream with one remote domain. */
  'gateway.disconnect': { args: z.object({ domain: z.string().min(1).max(253) }).strict(), result: gatewayDisconnectSchema },
  'gateway.settings.get': { args: noArgs, result: gatewaySettingsSchema },
  'gateway.settings.set': { args: gatewaySettingsSchema.partial().strict(), result: gatewaySettingsSchema },
} as const;

const gatewayEvents = {
  'gateway.state': gatewayStatusSchema,
  'gateway.log': gatewayLogSchema,
  /** After every partner change: how it reached the gateway. */
  'gateway.applied': partnersAppliedSchema,
} as const;

/** The XMPP gateway: which one to manage, its ports, its state, log and sessions. */
export const gatewayFeature = defineRpcFeature({
  id: 'gateway',
  methods: gatewayMethods,
  events: gatewayEvents,
  store: { gateway: storeSlice(gatewaySettingsSchema, defaultGatewaySettings) },
  migrations: {
    '1.3.0': (store) => {
      // Gateway settings arrived with the gateway service manager.
      if (store.get('gateway') === undefined) store.set('gateway', defaultGatewaySettings);
    },
  },
});
