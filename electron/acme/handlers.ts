import type { AcmeProgress } from '../../shared/acme/acme';
import type { acmeMethods } from '../../shared/acme/rpc';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { FeatureContext } from '../core/context';

export function acmeHandlers(ctx: FeatureContext): HandlersFor<typeof acmeMethods> {
  const acme = () => ctx.service('acme');
  const progress = (event: AcmeProgress) => ctx.publish('acme.progress', event);
  const changed = async <T>(result: T): Promise<T> => {
    ctx.publish('certificates.changed', (await ctx.service('certificates')).list());
    return result;
  };
  return {
    // Read from the store without loading the ACME service; a pending DANE rollover is the only part it does not give.
    'acme.status': async () => {
      const { acmeStatus } = await import('../../shared/acme/status');
      const rollover = ctx.store.get('daneRollover') === null ? null : (await ctx.service('daneRollover')).status();
      return acmeStatus(ctx.store.get('acme'), ctx.store.get('certificates'), rollover);
    },
    'acme.configure': async (args) => (await acme()).configure(args),
    'acme.dns': async (args) => (await acme()).setDns(args),
    'acme.http': async (args) => (await acme()).setHttp(args),
    'acme.order': async ({ profile, assign }) => changed(await (await acme()).order(profile, { assign, onProgress: progress })),
    'acme.renew': async ({ id }) => changed(await (await acme()).renew(id, progress)),
    'acme.renewDue': async () => changed(await (await acme()).renewDue(progress)),
  };
}
