import type { certificateMethods } from '../../shared/certificates/rpc';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { CoreContext } from '../core/context';
import { checkSavePath } from '../files/atomic-write';
import type { CertificateService } from './certificate-service';
import type { CertificateRequestService } from './request-service';

export function certificateHandlers(
  context: CoreContext,
  certificates: CertificateRequestService,
  installed: CertificateService,
): HandlersFor<typeof certificateMethods> {
  const changed = <T>(result: T): T => {
    context.publish('certificates.changed', installed.list());
    return result;
  };
  return {
    'certificates.lint': ({ profile }) => certificates.lint(profile),
    'certificates.request': async ({ profile, out, force, overwrite }) => {
      const result = await certificates.createRequest(profile, out, {
        force,
        overwrite,
        onProgress: (progress) => context.publish('certificates.progress', progress),
      });
      return changed(result);
    },
    'certificates.list': () => installed.list(),
    'certificates.import': async ({ file, content, name, password, exportable }) => {
      const data = file !== undefined ? await installed.readImportFile(file) : Buffer.from(content ?? '', 'base64');
      return changed(await installed.import({ data, name: file ?? name ?? 'the file', password, exportable }));
    },
    'certificates.view': ({ id }) => installed.view(id),
    'certificates.assign': async ({ id }) => changed(await installed.assign(id)),
    'certificates.remove': async ({ id, deleteKey }) => changed(await installed.remove(id, deleteKey)),
    'certificates.export': (args) => installed.export(args),
    'certificates.draft.get': () => certificates.getDraft(),
    'certificates.draft.set': ({ draft }) => certificates.setDraft(draft),
    'files.checkSavePath': ({ path, overwrite }) =>
      checkSavePath(path, { overwrite, protectedDir: context.dataDir, allowedRoots: context.saveRoots }),
  };
}
