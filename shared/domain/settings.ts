import { z } from 'zod';

const localeSetting = z.enum(['system', 'en', 'ko']);
const themeSetting = z.enum(['system', 'light', 'dark']);

export const settingsSchema = z.object({
  locale: localeSetting,
  theme: themeSetting,
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { locale: 'system', theme: 'system' };
