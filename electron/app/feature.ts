import { RpcError } from '../../shared/rpc/protocol';
import type { DesktopHooks, FeatureContext } from '../core/context';
import { defineBackendFeature } from '../core/feature';
import { APP_VERSION } from '../core/version';
import { documentsDir } from '../paths';

function desktop(ctx: FeatureContext): DesktopHooks {
  if (!ctx.options.desktop)
    throw new RpcError('refused', 'This is only available in the Edge Wizard desktop app.', [], { reason: 'app.desktop-only' });
  return ctx.options.desktop;
}

/** The app itself: its status, the home's steps, and what only the desktop shell can do. */
export const appBackend = defineBackendFeature({
  id: 'app',
  handlers: (ctx) => ({
    'app.status': () => ({
      version: APP_VERSION,
      dataDir: ctx.dataDir,
      host: ctx.options.host,
      storeRecovery: ctx.store.recovery,
    }),
    'wizard.steps': async () => {
      const [{ wizardSteps }, gateway] = await Promise.all([import('./wizard-steps'), ctx.service('gateway')]);
      return wizardSteps(ctx.store, (await gateway.state()) === 'running');
    },
    'app.paths': () => ({ documents: ctx.options.documentsDir ?? documentsDir() }),
    'desktop.chooseSavePath': async ({ defaultPath }) => ({ path: await desktop(ctx).chooseSavePath(defaultPath) }),
    'desktop.showItemInFolder': ({ path }) => {
      desktop(ctx).showItemInFolder(path);
      return {};
    },
  }),
});
