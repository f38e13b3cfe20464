import { z } from 'zod';
import { acmeEvents, acmeMethods } from '../acme/rpc';
import { certificateEvents, certificateMethods } from '../certificates/rpc';
import { partnerEvents, partnerMethods } from '../partners/rpc';
import { dnsMethods } from '../dns/rpc';
import { gatewayEvents, gatewayMethods } from '../gateway/rpc';
import { trustMethods } from '../trust/rpc';
import { settingsSchema } from '../domain/settings';
import { topologyInputSchema, topologySchema } from '../domain/topology';
import { wizardStepSchema } from '../domain/wizard';
import { noArgs } from './schemas';

export const storeRecoverySchema = z.object({
  /** Where the unreadable file was moved to. */
  movedTo: z.string(),
  /** Why it was unreadable (parse error or schema mismatch), in English for logs and the CLI. */
  reason: z.string(),
  /** The same as a code and values, for the UI. */
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  at: z.string(),
});
export type StoreRecovery = z.infer<typeof storeRecoverySchema>;

export const appStatusSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  host: z.enum(['electron', 'serve', 'cli', 'memory']),
  storeRecovery: storeRecoverySchema.nullable(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const appPathsSchema = z.object({
  /** The user's Documents folder, else the home folder: where request files are proposed. */
  documents: z.string(),
});
export type AppPaths = z.infer<typeof appPathsSchema>;

/**
 * The one RPC contract between the renderer (or any client) and the core. Every call's
 * arguments are validated against `args` on the server; results are parsed by `result`, so
 * nothing outside the schema (a key, a path the UI has no business with) ever crosses.
 */
export const contract = {
  methods: {
    'app.status': { args: noArgs, result: appStatusSchema },
    'settings.get': { args: noArgs, result: settingsSchema },
    'settings.update': { args: settingsSchema.partial().strict(), result: settingsSchema },
    'topology.get': { args: noArgs, result: topologySchema.nullable() },
    'topology.set': { args: z.object({ topology: topologyInputSchema }).strict(), result: topologySchema },
    'wizard.steps': { args: noArgs, result: z.array(wizardStepSchema) },
    'app.paths': { args: noArgs, result: appPathsSchema },
    /** Desktop app only: the system's save dialog (null when cancelled). */
    'desktop.chooseSavePath': {
      args: z.object({ defaultPath: z.string().max(4096) }).strict(),
      result: z.object({ path: z.string().nullable() }),
    },
    /** Desktop app only: shows a file in the system's file manager. */
    'desktop.showItemInFolder': { args: z.object({ path: z.string().min(1).max(4096) }).strict(), result: z.object({}) },
    /** Findings, SANs and subject for the answers (the summary page and the SAN preview). */
    ...certificateMethods,
    ...partnerMethods,
    ...dnsMethods,
    ...gatewayMethods,
    ...trustMethods,
    ...acmeMethods,
  },
  events: {
    'topology.changed': topologySchema,
    'settings.changed': settingsSchema,
    ...certificateEvents,
    ...partnerEvents,
    ...gatewayEvents,
    ...acmeEvents,
  },
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract['methods'];
export type EventName = keyof Contract['events'];
export type MethodArgs<M extends MethodName> = z.input<Contract['methods'][M]['args']>;
export type ParsedArgs<M extends MethodName> = z.output<Contract['methods'][M]['args']>;
export type MethodResult<M extends MethodName> = z.output<Contract['methods'][M]['result']>;
export type EventPayload<E extends EventName> = z.output<Contract['events'][E]>;

export type Handlers = {
  [M in MethodName]: (args: ParsedArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>;
};

/** The handlers of one feature's methods, e.g. HandlersFor<typeof certificateMethods>. */
export type HandlersFor<Methods> = Pick<Handlers, keyof Methods & MethodName>;
