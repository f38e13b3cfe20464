import type { Settings } from '../../shared/domain/settings';
import { defineBackendFeature } from '../core/feature';

export const settingsBackend = defineBackendFeature({
  id: 'settings',
  handlers: (ctx) => ({
    'settings.get': () => ctx.store.get('settings'),
    'settings.update': (patch) => {
      const next = ctx.store.update((tx) => {
        const changed: Settings = { ...tx.get('settings') };
        if (patch.locale !== undefined) changed.locale = patch.locale;
        if (patch.theme !== undefined) changed.theme = patch.theme;
        tx.set('settings', changed);
        return changed;
      });
      ctx.publish('settings.changed', next);
      return next;
    },
  }),
});
