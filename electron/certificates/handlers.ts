import type { certificateMethods } from '../../shared/certificates/rpc';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { CoreContext } from '../core/context';
import { checkSavePath } from '../files/atomic-write';
import type { CertificateRequestService } from './request-service';

export function certificateHandlers(context: CoreContext, certificates: CertificateRequestService): HandlersFor<typeof certificateMethods> {
  return {
    'certificates.lint': ({ profile }) => certificates.lint(profile),
    'certificates.request': async ({ profile, out, force, overwrite }) => {
      const result = await certificates.createRequest(profile, out, {
        force,
        overwrite,
        onProgress: (progress) => context.publish('certificates.progress', progress),
      });
      context.publish('certificates.changed', certificates.list());
      return result;
    },
    'certificates.list': () => certificates.list(),
    'certificates.draft.get': () => certificates.getDraft(),
    'certificates.draft.set': ({ draft }) => certificates.setDraft(draft),
    'files.checkSavePath': ({ path, overwrite }) => checkSavePath(path, { overwrite, protectedDir: context.dataDir }),
  };
}
