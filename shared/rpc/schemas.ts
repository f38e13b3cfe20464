import { z } from 'zod';

/** Building blocks every feature's RPC methods use. */
export const noArgs = z.object({}).strict();

export const filePath = z
  .string({ message: 'Enter the full path of the file.' })
  .min(1, { message: 'Enter the full path of the file.' })
  .max(4096);
