import type { FeatureContext } from '../core/context';
import { defineBackendFeature } from '../core/feature';
import type { CertificateService } from './certificate-service';
import { certificateCommands } from './cli';
import { certificateHandlers } from './handlers';
import type { KeyVault } from './key-vault';
import type { CertificateRequestService } from './request-service';

declare module '../core/context' {
  interface FeatureServices {
    /** Private keys, encrypted at rest under the data folder's master key. */
    keyVault: KeyVault;
    /** The request engine: lint, CSR and the pending request. */
    certificateRequests: CertificateRequestService;
    /** Imported certificates: import, view, assign, remove, export. */
    certificates: CertificateService;
  }
}

async function keyVault(ctx: FeatureContext): Promise<KeyVault> {
  const [{ KeyVault }, { CustodySecretProvider }] = await Promise.all([import('./key-vault'), import('./custody')]);
  return new KeyVault(ctx.dataDir, ctx.options.secrets ?? new CustodySecretProvider(ctx.dataDir, { log: (m) => ctx.log(m) }));
}

export const certificatesBackend = defineBackendFeature({
  id: 'certificates',
  handlers: certificateHandlers,
  commands: certificateCommands,
  services: {
    keyVault,
    certificateRequests: async (ctx) => {
      const [{ CertificateRequestService }, vault] = await Promise.all([import('./request-service'), ctx.service('keyVault')]);
      return new CertificateRequestService({ store: ctx.store, vault, dataDir: ctx.dataDir, saveRoots: ctx.saveRoots });
    },
    certificates: async (ctx) => {
      const [{ CertificateService }, vault, trust, rollover] = await Promise.all([
        import('./certificate-service'),
        ctx.service('keyVault'),
        ctx.service('trust'),
        ctx.service('daneRollover'),
      ]);
      return new CertificateService({
        store: ctx.store,
        vault,
        dataDir: ctx.dataDir,
        saveRoots: ctx.saveRoots,
        anchors: () => trust.certificates(),
        daneGuard: (certificate) => rollover.guard(certificate),
      });
    },
  },
});
