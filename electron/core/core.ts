import type { Settings } from '../../shared/domain/settings';
import type { AppStatus, Handlers } from '../../shared/rpc/contract';
import { RpcError } from '../../shared/rpc/protocol';
import { createRpcServer, type RpcServer } from '../../shared/rpc/server';
import { AcmeService } from '../acme/acme-service';
import { acmeHandlers } from '../acme/handlers';
import { CustodySecretProvider } from '../certificates/custody';
import { KeyVault, type SecretProvider } from '../certificates/key-vault';
import { CertificateService } from '../certificates/certificate-service';
import { certificateHandlers } from '../certificates/handlers';
import { partnerHandlers } from '../partners/handlers';
import { PartnerService } from '../partners/partner-service';
import { DnsService } from '../dns/dns-service';
import { dnsHandlers } from '../dns/handlers';
import { DaneRollover } from '../dns/rollover';
import { probeXmppServer } from '../gateway/probe';
import { GatewayService } from '../gateway/gateway-service';
import { gatewayHandlers } from '../gateway/handlers';
import { trustHandlers } from '../trust/handlers';
import { TrustService } from '../trust/trust-service';
import { CertificateRequestService } from '../certificates/request-service';
import { documentsDir } from '../paths';
import { AppStore, type BackingFactory } from '../store/app-store';
import { TopologyService } from '../topology/topology-service';
import type { CoreContext } from './context';
import { APP_VERSION } from './version';
import { wizardSteps } from './wizard-steps';

/** What only the desktop shell can do (system dialogs, the file manager). */
export interface DesktopHooks {
  chooseSavePath(defaultPath: string): Promise<string | null>;
  showItemInFolder(path: string): void;
}

export interface CoreOptions {
  dataDir: string;
  host: AppStatus['host'];
  storeBacking: BackingFactory;
  log?: (message: string) => void;
  /** Protects private keys at rest; the data dir's custody (OS keychain, else master.key) by default. */
  secrets?: SecretProvider;
  /** The Documents folder as the host knows it (Electron's app.getPath), else found from the environment. */
  documentsDir?: string;
  /** Present in the Electron app only. */
  desktop?: DesktopHooks;
  /** Folders files may be saved in through the RPC; `serve` sets them, since a browser page drives it. */
  saveRoots?: string[];
  /** The gateway's partner allow-list module; found beside the build when not given. */
  partnerModule?: string;
  /** The clock renewals and DANE rollovers go by (tests move it instead of waiting). */
  now?: () => Date;
}

export interface Core {
  readonly dataDir: string;
  readonly store: AppStore;
  readonly server: RpcServer;
  readonly certificates: CertificateRequestService;
  readonly installed: CertificateService;
  readonly acme: AcmeService;
  /** The gateway service manager, created on first use (the CLI makes a core per command). */
  gateway(): GatewayService;
}

/** The services behind every front door (Electron IPC, `edgewiz serve`, the CLI, tests). */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? ((message: string) => console.warn(message));
  const store = new AppStore(options.dataDir, options.storeBacking, log);
  const context: CoreContext = {
    dataDir: options.dataDir,
    saveRoots: options.saveRoots,
    store,
    log,
    publish: (name, payload) => server.publish(name, payload),
  };
  const topology = new TopologyService(store);
  const vault = new KeyVault(options.dataDir, options.secrets ?? new CustodySecretProvider(options.dataDir, { log }));
  const certificates = new CertificateRequestService({ store, vault, dataDir: options.dataDir, saveRoots: options.saveRoots });
  const trust = new TrustService(options.dataDir);
  const installed = new CertificateService({
    store,
    vault,
    dataDir: options.dataDir,
    saveRoots: options.saveRoots,
    anchors: () => trust.certificates(),
    daneGuard: (certificate) => rollover.guard(certificate),
  });

  let gatewayService: GatewayService | undefined;
  const gateway = () =>
    (gatewayService ??= new GatewayService(context, {
      live: options.host !== 'cli',
      trustedRoots: () => trust.bundle(),
      ...(options.partnerModule ? { partnerModule: options.partnerModule } : {}),
    }));
  // In place (SIGHUP), never a restart: established s2s streams stay up.
  const reloadGateway = async () => {
    if ((await gateway().state()) !== 'running') return false;
    await gateway().reload();
    return true;
  };
  const rollover = new DaneRollover({
    store,
    dataDir: options.dataDir,
    assign: (id) => installed.assign(id, { rollover: true }),
    reloadGateway,
    log,
    now: options.now,
  });
  const acme = new AcmeService({ store, vault, requests: certificates, installed, log, reloadGateway, dane: rollover, now: options.now });
  /** The key the running gateway serves after STARTTLS on its s2s port (bounded), for the TLSA check. */
  const servedKey = async () => {
    const target = gateway().target();
    if (!target || (await gateway().state()) !== 'running') return null;
    const probe = await probeXmppServer({ ...target, starttls: true, timeoutMs: 5000 });
    const spki = probe.tls?.certificate?.spkiSha256;
    return spki ? { spkiSha256: spki, address: `${target.host}:${target.port}` } : null;
  };

  const desktop = (): DesktopHooks => {
    if (!options.desktop)
      throw new RpcError('refused', 'This is only available in the Edge Wizard desktop app.', [], { reason: 'app.desktop-only' });
    return options.desktop;
  };

  const handlers: Handlers = {
    'app.status': () => ({
      version: APP_VERSION,
      dataDir: options.dataDir,
      host: options.host,
      storeRecovery: store.recovery,
    }),
    'settings.get': () => store.get('settings'),
    'settings.update': (patch) => {
      const next = store.update((tx) => {
        const changed: Settings = { ...tx.get('settings') };
        if (patch.locale !== undefined) changed.locale = patch.locale;
        if (patch.theme !== undefined) changed.theme = patch.theme;
        tx.set('settings', changed);
        return changed;
      });
      context.publish('settings.changed', next);
      return next;
    },
    'topology.get': () => topology.get(),
    'topology.set': ({ topology: input }) => {
      const saved = topology.set(input);
      context.publish('topology.changed', saved);
      return saved;
    },
    'wizard.steps': async () => wizardSteps(store, (await gateway().state()) === 'running'),
    'app.paths': () => ({ documents: options.documentsDir ?? documentsDir() }),
    'desktop.chooseSavePath': async ({ defaultPath }) => ({ path: await desktop().chooseSavePath(defaultPath) }),
    'desktop.showItemInFolder': ({ path }) => {
      desktop().showItemInFolder(path);
      return {};
    },
    ...certificateHandlers(context, certificates, installed),
    ...partnerHandlers(context, new PartnerService(store), () => gateway().applyPartners()),
    ...gatewayHandlers(gateway),
    ...dnsHandlers(new DnsService(store, options.dataDir, rollover, servedKey), rollover),
    ...trustHandlers(trust, () => gateway().applyPartners()),
    ...acmeHandlers(context, acme, installed),
  };

  // The CLI prints a failed call's reason itself, once; the long-running hosts log it.
  const server = createRpcServer(
    handlers,
    options.host === 'cli' ? undefined : (error) => log(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`),
  );
  return { dataDir: options.dataDir, store, server, certificates, installed, acme, gateway };
}
