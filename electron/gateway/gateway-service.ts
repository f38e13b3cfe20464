import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_LOG_LINES } from '../../shared/gateway/log-lines';
import { rootCertificates } from 'node:tls';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  gatewaySettingsSchema,
  type GatewayDriverKind,
  type GatewaySettings,
  type GatewayStatus,
  type GatewayTls,
  type PartnersApplied,
  type ProbeResult,
} from '../../shared/gateway/types';
import { RpcError, type CodedMessage } from '../../shared/rpc/protocol';
import type { CoreContext } from '../core/context';
import { prosodyPolicy } from '../../shared/partners/gateway-policy';
import { prosodyPolicyConfig } from './partner-policy';
import type { GatewaySession } from '../../shared/gateway/sessions';
import { disconnectDomain, readSessions } from './sessions';
import { runCommand, type CommandRunner } from './command-runner';
import type { DriverSnapshot, GatewayDriver, ProbeTarget } from './driver';
import { LyncDriver, lyncCmdlets } from './lync-driver';
import { describeCertificate, probeXmppServer } from '../xmpp/probe';
import { prosodyConfig, prosodyPaths, type ProsodyConfigSection, type ProsodyPaths } from './prosody-config';
import { findProsody, ProsodyDriver, writePlan, type PlannedFile, type ProsodyStartPlan } from './prosody-driver';
import { SystemdDriver } from './systemd-driver';
import { errorMessage } from '../../shared/errors';
import { countOf } from '../../shared/plural';

export type GatewayOperation = 'start' | 'stop' | 'restart' | 'reload';

export interface GatewayServiceOptions {
  /** Watch the gateway and follow its log (the app and serve); the CLI only acts and leaves. */
  live: boolean;
  env?: NodeJS.ProcessEnv;
  runner?: CommandRunner;
  /** The prosody executable; found on PATH when not given; null = not installed. */
  prosodyBinary?: string | null;
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
  /** Whether this process runs as root (Prosody then needs run_as_root). */
  isRoot?: boolean;
  /** The allow-list module (mod_edgewiz_partners.lua); found beside the build when not given; null = missing. */
  partnerModule?: string | null;
  /** The admin's trusted private roots as one PEM bundle (Prosody's cafile for partners' certificates). */
  trustedRoots?: () => string;
}

/** The equivalent commands an admin could type, shown in the log of every operation. */
export function equivalentCommands(operation: GatewayOperation, settings: GatewaySettings): string[] {
  const lines = [`edgewiz gateway ${operation}`];
  const service = settings.windowsService;
  const cmdlets: Record<GatewayOperation, string[]> = {
    start: [lyncCmdlets.start(service)],
    stop: [lyncCmdlets.stop(service)],
    restart: [lyncCmdlets.stop(service), lyncCmdlets.start(service)],
    reload: [],
  };
  if (cmdlets[operation].length) lines.push(`PS> ${cmdlets[operation].join('; ')}`);
  return lines;
}

/** Where to connect to the gateway from this machine: loopback when it listens everywhere. */
export function probeHost(interfaces: string[]): string {
  const first = interfaces[0] ?? '*';
  if (first === '*' || first === '0.0.0.0') return '127.0.0.1';
  if (first === '::') return '::1';
  return first;
}

const PARTNER_MODULE_FILE = 'mod_edgewiz_partners.lua';

/**
 * The partners' allow-list module for a build whose bundles are in `bundleDir` (dist/electron or
 * dist/cli): it ships in dist/partners. In the packaged app the bundles live in app.asar, which
 * Prosody cannot read, so the module is unpacked beside it (electron-builder.yml asarUnpack).
 */
export function partnerModulePath(bundleDir: string): string {
  return join(dirname(bundleDir), 'partners', 'prosody', PARTNER_MODULE_FILE).replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The module for this process: dist/partners beside the bundle, else the sources (tests run from them). */
function findPartnerModule(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  const built = partnerModulePath(from);
  if (existsSync(built)) return built;
  for (let dir = from; ; dir = dirname(dir)) {
    const source = join(dir, 'electron', 'partners', 'prosody', PARTNER_MODULE_FILE);
    if (existsSync(source)) return source;
    if (dirname(dir) === dir) return null;
  }
}

const embeddedOnly = () =>
  new RpcError('refused', 'Sessions are shown for the embedded gateway (Prosody) only.', [], { reason: 'sessions.embedded-only' });

/** A partner change that did not reach the gateway, with the failure's code when it has one. */
function failedApply(error: unknown): PartnersApplied {
  const coded = error instanceof RpcError ? error.coded : undefined;
  return {
    outcome: 'failed',
    driver: 'prosody',
    message: errorMessage(error),
    ...(coded
      ? { reason: coded.reason, ...(coded.params ? { params: coded.params } : {}) }
      : { reason: 'gateway.apply-failed', params: { detail: errorMessage(error) } }),
  };
}

/** The gateway service manager behind the RPC, the CLI and the tray: one operation at a time. */
export class GatewayService {
  private current: { key: string; driver: GatewayDriver; off: (() => void)[] } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private lastProbe: ProbeResult | null = null;
  private lastSnapshot: DriverSnapshot | null = null;
  private lastFailure: { message: string; coded?: CodedMessage } | null = null;
  /** How the last partner change reached the gateway (the CLI reports it). */
  lastApplied: PartnersApplied | null = null;
  readonly paths: ProsodyPaths;

  constructor(
    private readonly context: CoreContext,
    private readonly options: GatewayServiceOptions,
  ) {
    this.paths = prosodyPaths(context.dataDir);
  }

  settings(): GatewaySettings {
    return this.context.store.get('gateway');
  }

  async updateSettings(patch: Partial<GatewaySettings>): Promise<GatewaySettings> {
    const next = this.context.store.update((tx) => {
      const merged = gatewaySettingsSchema.parse({ ...tx.get('gateway'), ...patch });
      tx.set('gateway', merged);
      return merged;
    });
    this.lastProbe = null;
    await this.publishStatus();
    return next;
  }

  private driverKey(settings: GatewaySettings): string {
    return JSON.stringify([settings.driver, settings.systemdUnit, settings.windowsService]);
  }

  private driver(): GatewayDriver {
    const settings = this.settings();
    const key = this.driverKey(settings);
    if (this.current?.key === key) return this.current.driver;
    this.disposeDriver();
    const driver = this.createDriver(settings.driver, settings);
    const off = [driver.onState((snapshot) => this.onSnapshot(snapshot))];
    if (this.options.live) off.push(driver.onLog((lines) => this.context.publish('gateway.log', { lines })));
    this.current = { key, driver, off };
    return driver;
  }

  private createDriver(kind: GatewayDriverKind, settings: GatewaySettings): GatewayDriver {
    const log = (line: string) => this.note(line);
    const common = {
      runner: this.options.runner ?? runCommand,
      target: () => this.target(),
      log,
      startTimeoutMs: this.options.startTimeoutMs,
      pollMs: this.options.live ? 5000 : undefined,
    };
    if (kind === 'systemd') return new SystemdDriver(settings.systemdUnit, common);
    if (kind === 'lync') return new LyncDriver(settings.windowsService, common);
    return new ProsodyDriver({
      paths: this.paths,
      binary: this.options.prosodyBinary === undefined ? findProsody(this.options.env) : this.options.prosodyBinary,
      plan: () => this.plan(),
      live: this.options.live,
      startTimeoutMs: this.options.startTimeoutMs,
      stopTimeoutMs: this.options.stopTimeoutMs,
      log,
    });
  }

  private disposeDriver(): void {
    if (!this.current) return;
    for (const off of this.current.off) off();
    this.current.driver.dispose();
    this.current = null;
  }

  private note(line: string): void {
    this.context.publish('gateway.log', { lines: [line] });
  }

  private xmppDomains(): string[] {
    return this.context.store.get('topology')?.xmppDomains ?? [];
  }

  /** Where the probe connects, or null when the topology has no XMPP domain to address. */
  target(): ProbeTarget | null {
    const settings = this.settings();
    const domain = this.xmppDomains()[0];
    return domain ? { host: probeHost(settings.interfaces), port: settings.s2sPort, domain } : null;
  }

  private tlsFiles(): { certificate: string; key: string } | null {
    return existsSync(this.paths.certificate) && existsSync(this.paths.key)
      ? { certificate: this.paths.certificate, key: this.paths.key }
      : null;
  }

  tls(): GatewayTls {
    const files = this.tlsFiles();
    if (!files) {
      return {
        configured: false,
        certificate: null,
        message:
          'No certificate is assigned: the gateway runs without TLS, so partners that require TLS cannot federate. Assign the external edge certificate (step 2).',
        reason: 'gateway.tls-none',
      };
    }
    try {
      const certificate = describeCertificate(readFileSync(files.certificate));
      return {
        configured: true,
        certificate,
        message: `Serving the assigned certificate (${certificate.subject}), valid until ${certificate.validTo.slice(0, 10)}.`,
        reason: 'gateway.tls-serving',
        params: { subject: certificate.subject, date: certificate.validTo.slice(0, 10) },
      };
    } catch (error) {
      const detail = errorMessage(error);
      return {
        configured: true,
        certificate: null,
        message: `The assigned certificate file cannot be read: ${detail}`,
        reason: 'gateway.tls-unreadable',
        params: { path: files.certificate, detail },
      };
    }
  }

  /** The partner policy's part of the configuration, and the module file that enforces it. */
  private partnerSection(): { section: ProsodyConfigSection; module: PlannedFile } {
    const partners = this.context.store.get('partners');
    const module = this.options.partnerModule === undefined ? findPartnerModule() : this.options.partnerModule;
    if (!module || !existsSync(module)) {
      // Without the module every domain could federate: never start (or reload) like that.
      throw new RpcError(
        'refused',
        `The federation partner module (${PARTNER_MODULE_FILE}) is missing${module ? ` at ${module}` : ''}, so the gateway could not restrict federation to ${partners.length > 0 ? `the ${countOf(partners.length, 'partner', 'partners')}` : 'partners'}. Reinstall Edge Wizard.`,
        [],
        { reason: 'gateway.module-missing', params: { file: PARTNER_MODULE_FILE } },
      );
    }
    const policy = prosodyPolicy(partners);
    // With no partner yet nobody may federate anyway; dialback stays so the gateway has a feature to offer.
    const withoutModules = partners.length > 0 && !policy.dialback ? ['dialback'] : [];
    return {
      section: { settings: prosodyPolicyConfig(policy), modules: ['saslauth', 'edgewiz_partners', 'admin_socket'], withoutModules },
      module: { path: join(this.paths.plugins, PARTNER_MODULE_FILE), content: readFileSync(module, 'utf8') },
    };
  }

  /**
   * Prosody's cafile: the admin's trusted private roots, beside the gateway's certificate. The
   * file always exists at the same path, and is named in every configuration: on a reload
   * Prosody may build its TLS contexts from the previous configuration (its handlers run in no
   * fixed order), so a path that comes and goes would break TLS. Without private roots it holds
   * the public roots Node ships, which the system's store (capath) trusts anyway.
   */
  private trustedRootsFile(): PlannedFile {
    return { path: this.paths.trustedRoots, content: this.options.trustedRoots?.() || rootCertificates.join('\n') };
  }

  /** The configuration the embedded gateway starts with, and the files it names; writes nothing (the driver does, once). */
  plan(): ProsodyStartPlan {
    const domains = this.xmppDomains();
    const target = this.target();
    if (!target || domains.length === 0) {
      throw new RpcError(
        'refused',
        'The edge topology has no XMPP domain, so the gateway has nothing to serve. Add one in step 1 (Edge topology), or with: edgewiz topology set --file T.json',
        [],
        { reason: 'gateway.no-xmpp-domain' },
      );
    }
    const runAsRoot = this.options.isRoot ?? process.getuid?.() === 0;
    const tls = this.tlsFiles();
    const notes = [
      ...(runAsRoot
        ? ['Edge Wizard runs as root, so Prosody runs as root too (run_as_root = true). Run Edge Wizard as an ordinary user to avoid it.']
        : []),
      tls ? `TLS: serving ${tls.certificate} for ${domains.join(', ')}.` : 'TLS: no certificate is assigned; the gateway runs without TLS.',
    ];
    const partners = this.partnerSection();
    const cafile = this.trustedRootsFile();
    const config = prosodyConfig({
      topology: { xmppDomains: domains },
      settings: this.settings(),
      paths: this.paths,
      tls,
      runAsRoot,
      partners: partners.section,
      cafile: cafile.path,
    });
    return { config, files: [partners.module, cafile], target, notes };
  }

  private compose(snapshot: DriverSnapshot): GatewayStatus {
    const settings = this.settings();
    const failure = snapshot.message === undefined && snapshot.state !== 'running' ? this.lastFailure : null;
    const message = snapshot.message ?? failure?.message;
    const coded = snapshot.message !== undefined ? snapshot.coded : failure?.coded;
    return {
      driver: settings.driver,
      state: snapshot.state,
      pid: snapshot.pid,
      port: settings.s2sPort,
      since: snapshot.since,
      probe: this.lastProbe,
      tls: this.tls(),
      ...(message ? { message } : {}),
      ...(coded ? { reason: coded.reason, ...(coded.params ? { params: coded.params } : {}) } : {}),
      ...(snapshot.exitCode !== undefined ? { exitCode: snapshot.exitCode } : {}),
      ...(snapshot.signal !== undefined ? { signal: snapshot.signal } : {}),
      ...(snapshot.logTail ? { logTail: snapshot.logTail } : {}),
      busy: this.pending > 0,
    };
  }

  private onSnapshot(snapshot: DriverSnapshot): void {
    this.lastSnapshot = snapshot;
    if (snapshot.state === 'running' && this.current?.driver instanceof ProsodyDriver && this.current.driver.lastProbe) {
      this.lastProbe = this.current.driver.lastProbe;
    }
    if (snapshot.state === 'starting') this.lastFailure = null;
    this.context.publish('gateway.state', this.compose(snapshot));
  }

  private async publishStatus(): Promise<void> {
    this.context.publish('gateway.state', await this.status());
  }

  /**
   * Applies a changed partner list at once: the embedded gateway's config is rewritten and a
   * running gateway rereads it, which closes the streams of domains that no longer qualify.
   */
  async applyPartners(): Promise<PartnersApplied> {
    const settings = this.settings();
    let applied: PartnersApplied;
    if (settings.driver !== 'prosody') {
      applied = { outcome: 'external', driver: settings.driver };
    } else if ((await this.state()) === 'running') {
      try {
        await this.reload();
        applied = { outcome: 'reloaded', driver: 'prosody' };
      } catch (error) {
        applied = failedApply(error);
      }
    } else {
      try {
        if (existsSync(this.paths.config)) await writePlan(this.paths, this.plan());
        applied = { outcome: 'saved', driver: 'prosody' };
      } catch (error) {
        applied = failedApply(error);
      }
    }
    if (applied.outcome === 'failed') this.context.log(`The partner change did not reach the gateway: ${applied.message}`);
    this.lastApplied = applied;
    this.context.publish('gateway.applied', applied);
    return applied;
  }

  /** Just the driver's state, without probing (for the home's step list). */
  async state(): Promise<GatewayStatus['state']> {
    return (await this.driver().status()).state;
  }

  /** The state now; a running gateway is probed again, so `probe` is fresh. */
  async status(): Promise<GatewayStatus> {
    const driver = this.driver();
    const snapshot = await driver.status();
    this.lastSnapshot = snapshot;
    if (snapshot.state === 'running' && this.pending === 0) {
      const target = this.target();
      if (target)
        this.lastProbe = this.checkServedCertificate(
          await probeXmppServer({ ...target, starttls: this.tlsFiles() !== null, timeoutMs: 3000 }),
        );
    }
    return this.compose(snapshot);
  }

  /** Healthy also means serving the assigned certificate (a stale one needs a reload). */
  private checkServedCertificate(probe: ProbeResult): ProbeResult {
    const files = this.tlsFiles();
    const served = probe.tls?.certificate?.fingerprint256;
    if (!probe.ok || !files || !served) return probe;
    let assigned: string;
    try {
      assigned = describeCertificate(readFileSync(files.certificate)).fingerprint256;
    } catch {
      return probe;
    }
    return served === assigned
      ? probe
      : {
          ...probe,
          ok: false,
          error: `The gateway serves a certificate (SHA-256 ${served}) other than the assigned one (SHA-256 ${assigned}): reload the gateway.`,
          reason: 'gateway.stale-certificate',
          params: { served, assigned },
        };
  }

  /** Runs operations one after another, whoever asks (RPC, tray, CLI). */
  private enqueue(operation: GatewayOperation, action: (driver: GatewayDriver) => Promise<void>): Promise<GatewayStatus> {
    this.pending++;
    for (const line of equivalentCommands(operation, this.settings())) this.note(line);
    const run = this.queue.then(async () => {
      try {
        await action(this.driver());
        this.lastFailure = null;
      } catch (error) {
        this.lastFailure = {
          message: errorMessage(error),
          ...(error instanceof RpcError && error.coded ? { coded: error.coded } : {}),
        };
        throw error;
      } finally {
        this.pending--;
      }
      return this.status();
    });
    this.queue = run.catch(() => undefined).then(() => this.publishStatus().catch(() => undefined));
    return run;
  }

  start(): Promise<GatewayStatus> {
    return this.enqueue('start', (driver) => driver.start());
  }

  stop(): Promise<GatewayStatus> {
    return this.enqueue('stop', (driver) => driver.stop());
  }

  restart(): Promise<GatewayStatus> {
    return this.enqueue('restart', (driver) => driver.restart());
  }

  reload(): Promise<GatewayStatus> {
    return this.enqueue('reload', (driver) => driver.reload());
  }

  /** Re-reads the certificate in place (SIGHUP), never a restart, so established s2s streams stay up; false when not running. */
  async reloadIfRunning(): Promise<boolean> {
    if ((await this.state()) !== 'running') return false;
    await this.reload();
    return true;
  }

  /** The running gateway's s2s streams, from mod_edgewiz_partners over the admin socket. */
  async sessions(): Promise<GatewaySession[]> {
    if (this.settings().driver !== 'prosody') throw embeddedOnly();
    return readSessions(this.paths.adminSocket);
  }

  async disconnect(domain: string): Promise<number> {
    if (this.settings().driver !== 'prosody') throw embeddedOnly();
    return disconnectDomain(this.paths.adminSocket, domain);
  }

  logs(lines = DEFAULT_LOG_LINES): Promise<string[]> {
    return this.driver().logs(lines);
  }

  /**
   * New log lines as the gateway writes them, in any host (the CLI's `gateway logs --follow` too),
   * after the last `tail` lines written before; returns the unsubscribe.
   */
  followLog(listener: (lines: string[]) => void, tail = 0): () => void {
    return this.driver().onLog(listener, tail);
  }

  /** Stops watching (never stops the gateway: it is a service and outlives the app). */
  dispose(): void {
    this.disposeDriver();
  }
}
