import type { AcmeProgress } from '../../shared/acme/acme';
import type { acmeMethods } from '../../shared/acme/rpc';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { CertificateService } from '../certificates/certificate-service';
import type { CoreContext } from '../core/context';
import type { AcmeService } from './acme-service';

export function acmeHandlers(context: CoreContext, acme: AcmeService, installed: CertificateService): HandlersFor<typeof acmeMethods> {
  const progress = (event: AcmeProgress) => context.publish('acme.progress', event);
  const changed = <T>(result: T): T => {
    context.publish('certificates.changed', installed.list());
    return result;
  };
  return {
    'acme.status': () => acme.status(),
    'acme.configure': (args) => acme.configure(args),
    'acme.dns': (args) => acme.setDns(args),
    'acme.http': (args) => acme.setHttp(args),
    'acme.order': async ({ profile, assign }) => changed(await acme.order(profile, { assign, onProgress: progress })),
    'acme.renew': async ({ id }) => changed(await acme.renew(id, progress)),
    'acme.renewDue': async () => changed(await acme.renewDue(progress)),
  };
}
