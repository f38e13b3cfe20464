import type { HandlersFor } from '../../shared/rpc/contract';
import type { TrustedRoot, trustMethods } from '../../shared/trust/rpc';
import type { FeatureContext } from '../core/context';

export function trustHandlers(ctx: FeatureContext): HandlersFor<typeof trustMethods> {
  const trust = () => ctx.service('trust');
  // Answered once every feature that uses the roots (the gateway) has taken the change.
  const changed = async (roots: TrustedRoot[]) => {
    await ctx.emit('trust.changed', roots);
    return roots;
  };
  return {
    'trust.list': async () => (await trust()).list(),
    'trust.add': async ({ pem }) => changed(await (await trust()).add(pem)),
    'trust.remove': async ({ sha256 }) => changed((await trust()).remove(sha256)),
  };
}
