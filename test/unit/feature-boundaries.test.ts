import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** The feature-boundary messages ESLint gives for `code` as if it were the file at `path`. */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result.messages.filter((message) => message.ruleId === 'edgewiz/feature-boundaries').map((message) => message.message);
}

// Loading the config and the TypeScript parser takes seconds on a busy machine: once, up front.
beforeAll(() => boundaryErrors('electron/dns/warm-up.ts', 'export {};\n'), 60_000);

describe('features import each other only through shared/ and the core (the project ESLint config)', { timeout: 30_000 }, () => {
  it('refuses a backend feature importing another feature, statically, dynamically, as a type or a re-export', async () => {
    const from = 'electron/dns/new-check.ts';
    expect(await boundaryErrors(from, "import { buildTrayMenu } from '../gateway/tray-menu';\nexport const b = buildTrayMenu;\n")).toEqual([
      expect.stringContaining('may not import electron/gateway/tray-menu of the gateway feature'),
    ]);
    expect(await boundaryErrors(from, "export const load = () => import('../partners/partner-service');\n")).toHaveLength(1);
    expect(
      await boundaryErrors(from, "import type { TrustService } from '../trust/trust-service';\nexport type T = TrustService;\n"),
    ).toHaveLength(1);
    expect(await boundaryErrors(from, "export { CertificateService } from '../certificates/certificate-service';\n")).toHaveLength(1);
    expect(await boundaryErrors('electron/dns/deeper/x.ts', "export * from '../../acme/dns01';\n")).toHaveLength(1);
  });

  it("refuses a backend feature reaching into the core or a front door beyond the core's context", async () => {
    expect(await boundaryErrors('electron/dns/x.ts', "import { createCore } from '../core/core';\nexport const c = createCore;\n")).toEqual(
      [expect.stringContaining('may import only files/, store/, core/context.ts')],
    );
    expect(await boundaryErrors('electron/gateway/x.ts', "import { runCli } from '../cli/cli';\nexport const r = runCli;\n")).toHaveLength(
      1,
    );
  });

  it("allows shared/, the common helpers, the core's context, the tree's top modules and the feature's own files", async () => {
    const code = [
      "import type { CoreContext } from '../core/context';",
      "import { writeFileAtomic } from '../files/atomic-write';",
      "import { resolveDataDir } from '../paths';",
      "import type { AppStore } from '../store/app-store';",
      "import { dnsFormats } from '../../shared/dns/records';",
      "import { verifyRecords } from './verify';",
      'export const all = [writeFileAtomic, resolveDataDir, dnsFormats, verifyRecords];',
      'export type T = [CoreContext, AppStore];',
      '',
    ].join('\n');
    expect(await boundaryErrors('electron/dns/x.ts', code)).toEqual([]);
    // The core and the CLI are not features: they put the features together.
    expect(
      await boundaryErrors('electron/core/x.ts', "import { DnsService } from '../dns/dns-service';\nexport const d = DnsService;\n"),
    ).toEqual([]);
  });

  it('refuses a renderer feature importing another feature, and allows components, i18n and the top modules', async () => {
    expect(
      await boundaryErrors(
        'renderer/src/dns/X.tsx',
        "import { GatewayPane } from '../gateway/GatewayPane';\nexport const g = GatewayPane;\n",
      ),
    ).toEqual([expect.stringContaining('may not import renderer/src/gateway/GatewayPane of the gateway feature')]);
    expect(
      await boundaryErrors('renderer/src/dns/X.tsx', "import { HomePage } from '../pages/HomePage';\nexport const h = HomePage;\n"),
    ).toHaveLength(1);
    const allowed = [
      "import { PageHeader } from '../components/PageHeader';",
      "import { useI18n } from '../i18n/i18n';",
      "import { useApp } from '../AppContext';",
      "import { client } from '../rpc';",
      "import { dnsFormats } from '../../../shared/dns/records';",
      'export const all = [PageHeader, useI18n, useApp, client, dnsFormats];',
      '',
    ].join('\n');
    expect(await boundaryErrors('renderer/src/dns/X.tsx', allowed)).toEqual([]);
  });

  it('grants no exceptions: a page reaches no other feature, and a feature is its whole folder, subfolders too', async () => {
    expect(
      await boundaryErrors(
        'renderer/src/certificates/wizard-pages/RunPage.tsx',
        "import { DnsPage } from '../../dns/DnsPage';\nexport const d = DnsPage;\n",
      ),
    ).toEqual([expect.stringContaining('may not import renderer/src/dns/DnsPage of the dns feature')]);
    expect(
      await boundaryErrors(
        'renderer/src/certificates/CertificatesPage.tsx',
        "import { PartnersPane } from '../partners/PartnersPane';\nexport const p = PartnersPane;\n",
      ),
    ).toHaveLength(1);
    const own = [
      "import { AcmeRun } from '../AcmeRun';",
      "import { TrustedRootsPanel } from '../TrustedRootsPanel';",
      "import type { WizardAnswers } from '../wizard-model';",
      'export const all = [AcmeRun, TrustedRootsPanel];',
      'export type T = WizardAnswers;',
      '',
    ].join('\n');
    expect(await boundaryErrors('renderer/src/certificates/wizard-pages/RunPage.tsx', own)).toEqual([]);
  });
});
