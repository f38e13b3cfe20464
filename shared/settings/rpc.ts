import { defaultSettings, settingsSchema } from '../domain/settings';
import { defineRpcFeature, storeSlice } from '../rpc/feature';
import { noArgs } from '../rpc/schemas';

const settingsMethods = {
  'settings.get': { args: noArgs, result: settingsSchema },
  'settings.update': { args: settingsSchema.partial().strict(), result: settingsSchema },
} as const;

/** The admin's language and theme. */
export const settingsFeature = defineRpcFeature({
  id: 'settings',
  methods: settingsMethods,
  events: { 'settings.changed': settingsSchema },
  store: { settings: storeSlice(settingsSchema, defaultSettings) },
});
