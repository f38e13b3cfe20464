import type { Partner } from '../../shared/partners/partner';
import type { partnerMethods } from '../../shared/partners/rpc';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { FeatureContext } from '../core/context';

export function partnerHandlers(ctx: FeatureContext): HandlersFor<typeof partnerMethods> {
  const partners = () => ctx.service('partners');
  // Answered once every feature that enforces the list (the gateway) has taken the change.
  const changed = async (list: Partner[]) => {
    ctx.publish('partners.changed', list);
    await ctx.emit('partners.changed', list);
    return list;
  };
  return {
    'partners.list': async () => (await partners()).list(),
    'partners.commit': async ({ partner, replacing }) => changed((await partners()).commit(partner, replacing)),
    'partners.remove': async ({ domain }) => changed((await partners()).remove(domain)),
    'partners.import': async ({ partners: list }) => changed((await partners()).import(list)),
    'partners.export': async ({ format }) => (await partners()).export(format),
  };
}
