import type { partnerMethods } from '../../shared/partners/rpc';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { CoreContext } from '../core/context';
import type { PartnerService } from './partner-service';

/** `applied` regenerates whatever depends on the partner list (the embedded gateway's config). */
export function partnerHandlers(context: CoreContext, partners: PartnerService, applied: () => void): HandlersFor<typeof partnerMethods> {
  const changed = <T>(list: T) => {
    applied();
    context.publish('partners.changed', partners.list());
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
