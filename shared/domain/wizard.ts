import { z } from 'zod';

/** The five steps of the edge deployment wizard home, in order. */
export const wizardStepIds = ['topology', 'certificates', 'gateway', 'partners', 'dns'] as const;
export type WizardStepId = (typeof wizardStepIds)[number];

const stepStateSchema = z.enum(['todo', 'done', 'blocked']);

export const wizardStepSchema = z.object({
  id: z.enum(wizardStepIds),
  state: stepStateSchema,
  /** Why the step cannot run now, as a message key of the UI catalogs; only with state blocked. */
  reason: z.string().optional(),
  /** Step 2's button reads "Run again" once a certificate task has completed. */
  completedOnce: z.boolean(),
  /** Step 2: how far the certificates have got — a request at the CA, a certificate imported, one assigned. */
  progress: z.enum(['pending', 'imported', 'assigned']).optional(),
  /** Step 2: the certificate the gateway uses (else the newest issued one) and its days to expiry. */
  expiry: z.object({ friendlyName: z.string(), notAfter: z.string(), daysLeft: z.number().int() }).optional(),
});
export type WizardStep = z.infer<typeof wizardStepSchema>;
