import type { HandlersFor } from '../../shared/rpc/contract';
import type { trustMethods } from '../../shared/trust/rpc';
import type { TrustService } from './trust-service';

/** `apply` gives the changed roots to a running gateway at once (it never throws). */
export function trustHandlers(trust: TrustService, apply: () => Promise<unknown>): HandlersFor<typeof trustMethods> {
  const changed = async <T>(list: T) => {
    await apply();
    return list;
  };
  return {
    'trust.list': () => trust.list(),
    'trust.add': async ({ pem }) => changed(await trust.add(pem)),
    'trust.remove': ({ sha256 }) => changed(trust.remove(sha256)),
  };
}
