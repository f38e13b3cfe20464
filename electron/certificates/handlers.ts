import type { certificateMethods } from '../../shared/certificates/rpc';
import type { HandlersFor } from '../../shared/rpc/contract';
import type { FeatureContext } from '../core/context';

export function certificateHandlers(ctx: FeatureContext): HandlersFor<typeof certificateMethods> {
  const requests = () => ctx.service('certificateRequests');
  const installed = () => ctx.service('certificates');
  // Listing reads the store alone: it need not load the key vault, the trust store and the DANE rollover behind the certificate service.
  const list = async () => (await import('../../shared/certificates/installed')).certificateEntries(ctx.store.get('certificates'));
  const changed = async <T>(result: T): Promise<T> => {
    ctx.publish('certificates.changed', await list());
    return result;
  };
  return {
    'certificates.lint': async ({ profile }) => (await requests()).lint(profile),
    'certificates.request': async ({ profile, out, force, overwrite }) => {
      const result = await (
        await requests()
      ).createRequest(profile, out, {
        force,
        overwrite,
        onProgress: (progress) => ctx.publish('certificates.progress', progress),
      });
      return changed(result);
    },
    'certificates.list': list,
    'certificates.import': async ({ file, content, name, password, exportable }) => {
      const service = await installed();
      const data = file !== undefined ? await service.readImportFile(file) : Buffer.from(content ?? '', 'base64');
      return changed(await service.import({ data, name: file ?? name ?? 'the file', password, exportable }));
    },
    'certificates.view': async ({ id }) => (await installed()).view(id),
    'certificates.assign': async ({ id }) => changed(await (await installed()).assign(id)),
    'certificates.remove': async ({ id, deleteKey }) => changed(await (await installed()).remove(id, deleteKey)),
    'certificates.export': async (args) => (await installed()).export(args),
    'certificates.draft.get': async () => (await requests()).getDraft(),
    'certificates.draft.set': async ({ draft }) => (await requests()).setDraft(draft),
    'files.checkSavePath': async ({ path, overwrite }) => {
      const { checkSavePath } = await import('../files/atomic-write');
      return checkSavePath(path, { overwrite, protectedDir: ctx.dataDir, allowedRoots: ctx.saveRoots });
    },
  };
}
