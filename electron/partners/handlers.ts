import type { partnerMethods } from '../../shared/partners/rpc';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { CoreContext } from '../core/context';
import type { PartnerService } from './partner-service';

/** `apply` brings a changed list to the gateway at once (it never throws: the list is saved either way). */
export function partnerHandlers(
  context: CoreContext,
  partners: PartnerService,
  apply: () => Promise<unknown>,
): HandlersFor<typeof partnerMethods> {
  const changed = async <T>(list: T) => {
    context.publish('partners.changed', partners.list());
    await apply();
    return list;
  };
  return {
    'partners.list': () => partners.list(),
    'partners.commit': ({ partner, replacing }) => changed(partners.commit(partner, replacing)),
    'partners.remove': ({ domain }) => changed(partners.remove(domain)),
    'partners.import': ({ partners: list }) => changed(partners.import(list)),
    'partners.export': ({ format }) => partners.export(format),
  };
}
