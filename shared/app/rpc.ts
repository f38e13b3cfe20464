import { z } from 'zod';
import { wizardStepSchema } from '../domain/wizard';
import { defineRpcFeature, storeSlice } from '../rpc/feature';
import { noArgs } from '../rpc/schemas';

const storeRecoverySchema = z.object({
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

const appStatusSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  host: z.enum(['electron', 'serve', 'cli', 'memory']),
  storeRecovery: storeRecoverySchema.nullable(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

const appPathsSchema = z.object({
  /** The user's Documents folder, else the home folder: where request files are proposed. */
  documents: z.string(),
});

const appMethods = {
  'app.status': { args: noArgs, result: appStatusSchema },
  /** The home's steps and where each stands. */
  'wizard.steps': { args: noArgs, result: z.array(wizardStepSchema) },
  'app.paths': { args: noArgs, result: appPathsSchema },
  /** Desktop app only: the system's save dialog (null when cancelled). */
  'desktop.chooseSavePath': {
    args: z.object({ defaultPath: z.string().max(4096) }).strict(),
    result: z.object({ path: z.string().nullable() }),
  },
  /** Desktop app only: shows a file in the system's file manager. */
  'desktop.showItemInFolder': { args: z.object({ path: z.string().min(1).max(4096) }).strict(), result: z.object({}) },
} as const;

/** The app itself: its status, the home's steps, and what only the desktop shell can do. */
export const appFeature = defineRpcFeature({
  id: 'app',
  methods: appMethods,
  events: {},
  store: {
    wizard: storeSlice(z.object({ certificateTaskCompleted: z.boolean() }), { certificateTaskCompleted: false }),
  },
  migrations: {
    '1.0.0': (store) => {
      // Stores written before the wizard state existed start with no completed task.
      if (store.get('wizard') === undefined) store.set('wizard', { certificateTaskCompleted: false });
    },
  },
});
