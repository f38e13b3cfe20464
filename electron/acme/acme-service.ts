import { generateKeyPair, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Agent, get as httpsGet } from 'node:https';
import { rootCertificates } from 'node:tls';
import { promisify } from 'node:util';
import type * as acme from 'acme-client';
import {
  ACCOUNT_KEY_ID,
  renewalBackoffMs,
  renewalStart,
  type AcmeAccount,
  type AcmeProgress,
  type AcmeState,
  type AcmeStatus,
  type OrderResult,
} from '../../shared/acme/acme';
import { isInstalled } from '../../shared/certificates/installed';
import { summarizeErrors } from '../../shared/certificates/lint';
import { certificateProfileSchema, type CertificateProfile } from '../../shared/certificates/profile';
import type { StoredRequest } from '../../shared/certificates/requests';
import type { RolloverStep } from '../../shared/dns/rollover';
import { RpcError } from '../../shared/rpc/protocol';
import { LintRefusedError } from '../../shared/certificates/lint-refused';
import type { FeatureServices } from '../core/context';
import type { AppStore } from '../store/app-store';
import { nsupdateCommand, nsupdateScript, parseServer, readTsigKeyFile, runNsupdate, waitForTxt } from '../nsupdate/nsupdate';
import { AcmeError, detailOf, problemOf } from '../../shared/acme/errors';
import { Http01Listener } from './http01';
import { acmeStatus } from '../../shared/acme/status';

const generateKeyPairAsync = promisify(generateKeyPair);
const MAX_CA_FILE_BYTES = 256 * 1024;
/** How long a published challenge may take to show at the admin's resolver. */
const VISIBLE_TIMEOUT_MS = 60_000;
/** acme-client's polling of the CA: quick first, bounded in total (about a minute). */
const BACKOFF = { backoffAttempts: 12, backoffMin: 500, backoffMax: 8000 };
const HTTP_TIMEOUT_MS = 30_000;

export interface AcmeServiceOptions {
  store: AppStore;
  vault: FeatureServices['keyVault'];
  requests: FeatureServices['certificateRequests'];
  installed: FeatureServices['certificates'];
  /** Re-reads the gateway's certificate in place when it runs; false when it does not run. */
  reloadGateway: () => Promise<boolean>;
  log: (message: string) => void;
  now?: () => Date;
  /** Stages a DANE key rollover when TLSA records are published for the assigned certificate's key. */
  dane?: FeatureServices['daneRollover'];
}

export interface OrderOptions {
  assign?: boolean;
  onProgress?: (progress: AcmeProgress) => void;
}

interface RenewalOutcome {
  id: string;
  friendlyName: string;
  result: OrderResult | null;
  error: { code: string; params: Record<string, string>; message: string } | null;
}

export interface DueReport {
  renewed: RenewalOutcome[];
  /** Certificates not due yet, or waiting for their retry: id → when they are next tried. */
  waiting: { id: string; friendlyName: string; at: string }[];
  removed: { id: string; friendlyName: string }[];
  rollover: RolloverStep;
}

function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

const tlsCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** An acme-client / network failure as a problem the admin can act on. */
export function caProblem(error: unknown, directory: string): AcmeError {
  if (error instanceof AcmeError) return error;
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  const detail = detailOf(error);
  if (code && tlsCodes.has(code)) return new AcmeError('acme.tls-untrusted', { url: directory, detail: code });
  if (code && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'ECONNABORTED'].includes(code)) {
    return new AcmeError('acme.directory', { url: directory, detail: code });
  }
  if (/rate.?limit|too many/i.test(detail))
    return new AcmeError('acme.rate-limited', { detail: detail.endsWith('.') ? detail : `${detail}.` });
  return new AcmeError('acme.ca-error', { detail });
}

/**
 * Orders certificates from an ACME CA with the request engine's CSR, answers dns-01 (RFC 2136
 * through nsupdate) or http-01 (a listener of its own), imports what the CA issues, and renews.
 */
export class AcmeService {
  private readonly store: AppStore;
  private readonly now: () => Date;
  /** One order at a time: challenges and store writes must not interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AcmeServiceOptions) {
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  private state(): AcmeState {
    return this.store.get('acme');
  }

  /** Read-modify-write under the store's lock: the app and a cron `renew --due` may both write. */
  private update(change: (state: AcmeState) => AcmeState): AcmeState {
    return this.store.update((tx) => {
      const next = change(tx.get('acme'));
      tx.set('acme', next);
      return next;
    });
  }

  status(): AcmeStatus {
    return acmeStatus(this.state(), this.store.get('certificates'), this.options.dane?.status() ?? null);
  }

  /**
   * Fetches the directory once with the same trust, bounded: acme-client loses the cause of a
   * failure without an answer (TLS refused, connection refused), so it is found out here first.
   */
  private preflight(account: Pick<AcmeAccount, 'caPem' | 'directory'>): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = httpsGet(account.directory, { agent: this.agent(account), timeout: 10_000 }, (response) => {
        response.resume();
        if (response.statusCode === 200) resolve();
        else reject(new AcmeError('acme.directory', { url: account.directory, detail: `HTTP ${response.statusCode}` }));
      });
      request.on('timeout', () => request.destroy(Object.assign(new Error('no answer within 10 s'), { code: 'ETIMEDOUT' })));
      request.on('error', (error) => reject(caProblem(error, account.directory)));
    });
  }

  private agent(account: Pick<AcmeAccount, 'caPem'>): Agent | undefined {
    return account.caPem ? new Agent({ ca: [...rootCertificates, account.caPem] }) : undefined;
  }

  /** The https agent that trusts the public roots plus the admin's CA file. */
  private useTls(client: typeof acme, account: Pick<AcmeAccount, 'caPem'>): void {
    client.axios.defaults.httpsAgent = this.agent(account);
    client.axios.defaults.timeout = HTTP_TIMEOUT_MS;
    // acme-client retries every failure without an answer (TLS refused, connection refused) 5 times over 75 s;
    // two quick retries are enough for a blip and keep a plain mistake a plain, prompt error.
    const settings = (client.axios.defaults as { acmeSettings?: { retryMaxAttempts: number; retryDefaultDelay: number } }).acmeSettings;
    if (settings) Object.assign(settings, { retryMaxAttempts: 2, retryDefaultDelay: 1 });
  }

  private async accountKey(): Promise<string> {
    const file = `${ACCOUNT_KEY_ID}.key.enc`;
    try {
      return (await this.options.vault.load(file)).export({ type: 'pkcs8', format: 'pem' }) as string;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const { privateKey } = await generateKeyPairAsync('ec', { namedCurve: 'P-256' });
    await this.options.vault.save(ACCOUNT_KEY_ID, privateKey);
    return privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  }

  private async client(account: AcmeAccount): Promise<acme.Client> {
    // acme-client brings axios and an X.509 stack: loaded for an order, not for the status.
    const loaded = await import('acme-client');
    // A CommonJS package: the bundle's separate chunk offers it as the default export only.
    const library = ((loaded as { default?: typeof acme }).default ?? loaded) as typeof acme;
    this.useTls(library, account);
    return new library.Client({
      directoryUrl: account.directory,
      accountKey: await this.accountKey(),
      ...(account.accountUrl ? { accountUrl: account.accountUrl } : {}),
      ...BACKOFF,
    });
  }

  /** Registers (or finds) the account for this data dir's key, agreeing to the CA's terms. */
  configure(input: {
    directory: string;
    email?: string;
    caFile?: string;
    renewDays?: number;
  }): Promise<AcmeStatus & { termsOfService: string | null }> {
    return this.serial(async () => {
      let directory: URL;
      try {
        directory = new URL(input.directory);
        if (directory.protocol !== 'https:') throw new Error('the directory URL must start with https://');
      } catch (error) {
        throw new AcmeError('acme.directory', { url: input.directory, detail: detailOf(error) }, ['directory']);
      }
      let caPem: string | undefined;
      if (input.caFile !== undefined) caPem = await this.readCaFile(input.caFile);
      const account: AcmeAccount = {
        directory: directory.href,
        ...(input.email ? { email: input.email } : {}),
        ...(caPem ? { caPem, caFile: input.caFile } : {}),
        ...(input.renewDays !== undefined ? { renewDays: input.renewDays } : {}),
        termsAccepted: true,
        configuredAt: this.now().toISOString(),
      };
      await this.preflight(account);
      const client = await this.client(account);
      let termsOfService: string | null;
      try {
        termsOfService = (await client.getTermsOfServiceUrl()) ?? null;
        // contact is always sent: an existing account (same key) is updated, and an update without it is refused as empty.
        await client.createAccount({ termsOfServiceAgreed: true, contact: input.email ? [`mailto:${input.email}`] : [] });
      } catch (error) {
        throw caProblem(error, account.directory);
      }
      this.update((state) => ({ ...state, account: { ...account, accountUrl: client.getAccountUrl() } }));
      return { ...this.status(), termsOfService };
    });
  }

  private async readCaFile(file: string): Promise<string> {
    let text: string;
    try {
      const data = await readFile(file);
      if (data.length > MAX_CA_FILE_BYTES)
        throw new AcmeError('acme.ca-file', { file, detail: `larger than ${MAX_CA_FILE_BYTES / 1024} KB` }, ['caFile']);
      text = data.toString('utf8');
    } catch (error) {
      if (error instanceof AcmeError) throw error;
      throw new AcmeError('acme.ca-file', { file, detail: (error as NodeJS.ErrnoException).code ?? detailOf(error) }, ['caFile']);
    }
    const pems = splitPem(text);
    if (pems.length === 0) throw new AcmeError('acme.ca-file', { file, detail: 'no PEM certificate in it' }, ['caFile']);
    for (const pem of pems) {
      try {
        new X509Certificate(pem);
      } catch (error) {
        throw new AcmeError('acme.ca-file', { file, detail: detailOf(error) }, ['caFile']);
      }
    }
    return pems.join('\n') + '\n';
  }

  async setDns(input: { server: string; tsigKeyFile: string; zones: string[] }): Promise<AcmeStatus> {
    parseServer(input.server);
    await readTsigKeyFile(input.tsigKeyFile);
    const zones = input.zones.map((zone) => zone.toLowerCase().replace(/\.$/, ''));
    this.update((state) => ({ ...state, challenge: 'dns-01', dns: { server: input.server, tsigKeyFile: input.tsigKeyFile, zones } }));
    return this.status();
  }

  setHttp(input: { port: number; address?: string }): AcmeStatus {
    this.update((state) => ({ ...state, challenge: 'http-01', http: { port: input.port, address: input.address ?? '0.0.0.0' } }));
    return this.status();
  }

  /** Builds the request with the wizard's engine (every lint applies), orders it, imports it. */
  order(profile: CertificateProfile, options: OrderOptions = {}): Promise<OrderResult> {
    return this.serial(() => this.orderNow(profile, options));
  }

  private async orderNow(profile: CertificateProfile, options: OrderOptions): Promise<OrderResult> {
    const state = this.state();
    const account = state.account;
    if (!account) throw new AcmeError('acme.not-configured');
    const challengeType = state.challenge;
    if (!challengeType || (challengeType === 'dns-01' && !state.dns) || (challengeType === 'http-01' && !state.http))
      throw new AcmeError('acme.no-challenge');
    const started = Date.now();
    const commands: string[] = [];
    const report = (progress: AcmeProgress) => {
      if (progress.command) commands.push(progress.command);
      options.onProgress?.(progress);
    };
    const step = async <T>(name: string | null, which: AcmeProgress['step'], action: () => Promise<T>, command?: string): Promise<T> => {
      report({ name, step: which, state: 'running', ...(command ? { command } : {}) });
      try {
        const value = await action();
        report({ name, step: which, state: 'done' });
        return value;
      } catch (error) {
        report({ name, step: which, state: 'failed', error: problemOf(error) });
        throw error;
      }
    };

    let request;
    try {
      request = await this.options.requests.createRequest(profile, null);
    } catch (error) {
      if (error instanceof LintRefusedError) throw new AcmeError('acme.lint', { detail: summarizeErrors(error.findings) });
      throw error;
    }
    const pending = this.store
      .get('certificates')
      .find((entry): entry is StoredRequest => entry.id === request.id && entry.state === 'pending')!;
    let imported = false;
    try {
      const client = await this.client(account);
      await step(null, 'account', async () => {
        await this.preflight(account);
        try {
          // A known account is only fetched (POST-as-GET), which also proves the key still opens it.
          if (account.accountUrl) await client.updateAccount({});
          else await client.createAccount({ termsOfServiceAgreed: true, contact: account.email ? [`mailto:${account.email}`] : [] });
        } catch (error) {
          throw caProblem(error, account.directory);
        }
      });
      const names = [...new Set(request.sans)];
      const order = await step(
        null,
        'order',
        async () => {
          try {
            return await client.createOrder({ identifiers: names.map((value) => ({ type: 'dns', value })) });
          } catch (error) {
            throw caProblem(error, account.directory);
          }
        },
        `# ACME order for ${names.join(', ')} at ${account.directory}`,
      );
      const authorizations = await client.getAuthorizations(order).catch((error: unknown) => {
        throw caProblem(error, account.directory);
      });
      const listener = challengeType === 'http-01' ? new Http01Listener(state.http!) : null;
      if (listener) await listener.open();
      try {
        const results = await Promise.allSettled(
          authorizations.map((authz) => this.authorize(client, authz, challengeType, state, listener, step)),
        );
        const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
        if (failed) throw failed.reason;
      } finally {
        await listener?.close();
      }
      const chainPem = await step(null, 'finalize', async () => {
        try {
          const finalized = await client.finalizeOrder(order, request.csrPem);
          return await client.getCertificate(finalized);
        } catch (error) {
          throw caProblem(error, account.directory);
        }
      });
      const entry = await step(
        null,
        'import',
        async () => {
          const data = Buffer.from(this.withPrivateRoot(chainPem, account));
          try {
            return await this.options.installed.import({ data, name: `the certificate issued by ${new URL(account.directory).host}` });
          } catch (error) {
            throw new AcmeError('acme.import-failed', { detail: detailOf(error) });
          }
        },
        'edgewiz certificates import --file issued-chain.pem   # the chain the CA returned, matched to the request key',
      );
      imported = true;
      this.update((current) => ({ ...current, ordered: { ...current.ordered, [entry.id]: pending.profile } }));
      let assigned = false;
      let reloaded = false;
      let rollover: RolloverStep | null = null;
      const dane = this.options.dane;
      if (options.assign && dane?.neededFor(entry.id)) {
        // With TLSA records published, the new key is served only once its record has been seen for two TTLs.
        rollover = await step(null, 'dane', () => dane.stage(entry.id), `edgewiz dns rollover --id ${entry.id}`);
      } else if (options.assign) {
        await step(null, 'assign', () => this.options.installed.assign(entry.id), `edgewiz certificates assign --id ${entry.id}`);
        assigned = true;
        reloaded = await step(null, 'reload', () => this.options.reloadGateway(), 'edgewiz gateway reload');
      }
      return {
        ...(rollover ? { rollover } : {}),
        id: entry.id,
        sha256: entry.sha256,
        notAfter: entry.certificate.notAfter,
        sans: entry.certificate.sans,
        assigned,
        reloaded,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        commands,
      };
    } catch (error) {
      // A request no CA will answer would only clutter the list: take it and its key back.
      if (!imported) await this.options.installed.remove(pending.id, true).catch(() => {});
      throw error;
    }
  }

  /** Appends the roots from the admin's CA file that issued the chain's top (a private CA's root). */
  private withPrivateRoot(chainPem: string, account: AcmeAccount): string {
    const chain = splitPem(chainPem);
    if (!account.caPem || chain.length === 0) return chainPem;
    const top = new X509Certificate(chain[chain.length - 1]);
    const roots = splitPem(account.caPem).filter((pem) => {
      const root = new X509Certificate(pem);
      return root.subject === top.issuer && top.checkIssued(root) && top.verify(root.publicKey);
    });
    return [...chain, ...roots].join('\n') + '\n';
  }

  /** One name: publish, wait until visible, let the CA validate, clean up (also on failure). */
  private async authorize(
    client: acme.Client,
    authz: acme.Authorization,
    type: 'dns-01' | 'http-01',
    state: AcmeState,
    listener: Http01Listener | null,
    step: <T>(name: string | null, which: AcmeProgress['step'], action: () => Promise<T>, command?: string) => Promise<T>,
  ): Promise<void> {
    const name = authz.identifier.value;
    if (authz.status === 'valid') return;
    const challenge = authz.challenges.find((candidate) => candidate.type === type);
    if (!challenge) throw new AcmeError('acme.ca-error', { detail: `the CA offers no ${type} challenge for ${name}` });
    const keyAuthorization = await client.getChallengeKeyAuthorization(challenge);
    let cleanup: (() => Promise<void>) | undefined;
    try {
      if (type === 'dns-01') {
        const dns = state.dns!;
        const add = nsupdateScript(dns, name, keyAuthorization, 'add');
        const remove = nsupdateScript(dns, name, keyAuthorization, 'delete');
        cleanup = () => step(name, 'cleanup', () => runNsupdate(dns, name, remove), nsupdateCommand(dns, remove));
        await step(name, 'publish', () => runNsupdate(dns, name, add), nsupdateCommand(dns, add));
        await step(
          name,
          'visible',
          () => waitForTxt(dns, name, keyAuthorization, VISIBLE_TIMEOUT_MS),
          `dig +short @${parseServer(dns.server).host} -p ${parseServer(dns.server).port} _acme-challenge.${name} TXT`,
        );
      } else {
        const token = (challenge as { token: string }).token;
        cleanup = () => step(name, 'cleanup', async () => listener!.remove(token));
        await step(
          name,
          'publish',
          async () => listener!.publish(token, keyAuthorization),
          `# serve http://${name}/.well-known/acme-challenge/${token} on port ${state.http!.port}`,
        );
        await step(
          name,
          'visible',
          () => listener!.waitVisible(name, token, keyAuthorization, VISIBLE_TIMEOUT_MS),
          `curl -s http://${name}:${state.http!.port}/.well-known/acme-challenge/${token}`,
        );
      }
      await step(name, 'validate', async () => {
        try {
          await client.completeChallenge(challenge);
          // Pebble (and real CAs) may validate more than once: keep the answer up until the authorization is valid.
          await client.waitForValidStatus(authz);
        } catch (error) {
          throw new AcmeError('acme.validation-failed', { name, detail: await this.authorizationError(client, authz, error) });
        }
      });
    } finally {
      await cleanup?.().catch((error: unknown) => this.options.log(`ACME: could not remove the challenge for ${name}: ${detailOf(error)}`));
    }
  }

  /** The CA's own words on why the authorization failed. */
  private async authorizationError(client: acme.Client, authz: acme.Authorization, error: unknown): Promise<string> {
    try {
      const current = await client.getAuthorizations({ authorizations: [authz.url] } as acme.Order);
      const detail = current[0]?.challenges.map((c) => (c as { error?: { detail?: string } }).error?.detail).find(Boolean);
      if (detail) return detail;
    } catch {
      // Fall back to what acme-client said.
    }
    return detailOf(error);
  }

  /** Renews one certificate now: new key, same names and subject, imported, assigned and reloaded when the old one was. */
  renew(id: string, onProgress?: (progress: AcmeProgress) => void): Promise<OrderResult> {
    return this.renewNow(id, onProgress);
  }

  private async renewNow(id: string, onProgress?: (progress: AcmeProgress) => void): Promise<OrderResult> {
    const entry = this.store.get('certificates').find((candidate) => candidate.id === id);
    if (!entry)
      throw new RpcError('not-found', `There is no certificate with the ID ${id}. Run "edgewiz certificates list" to see the IDs.`, [], {
        reason: 'certificate.not-found',
        params: { id },
      });
    const stored = this.state().ordered[id];
    if (!isInstalled(entry) || !stored) throw new AcmeError('acme.not-renewable', { id, name: entry.friendlyName });
    const profile = certificateProfileSchema.parse(stored);
    const pendingRollover = this.options.dane?.pending();
    if (pendingRollover && entry.state === 'assigned')
      throw new AcmeError('acme.dane-pending', { name: pendingRollover.friendlyName, id: pendingRollover.certificateId });
    try {
      const result = await this.order(profile, { assign: entry.state === 'assigned', onProgress });
      this.update((state) => {
        const renewals = { ...state.renewals };
        delete renewals[id];
        return { ...state, renewals, replaced: { ...state.replaced, [id]: result.id } };
      });
      return result;
    } catch (error) {
      const now = this.now();
      this.update((state) => {
        const failures = (state.renewals[id]?.failures ?? 0) + 1;
        const record = {
          failures,
          lastAttempt: now.toISOString(),
          nextAttempt: new Date(now.getTime() + renewalBackoffMs(failures)).toISOString(),
          lastError: problemOf(error),
        };
        return { ...state, renewals: { ...state.renewals, [id]: record } };
      });
      throw error;
    }
  }

  /** Every ACME certificate inside its renewal window (and past its retry time); then removes replaced ones that expired. */
  async renewDue(onProgress?: (progress: AcmeProgress) => void): Promise<DueReport> {
    // A pending rollover first: it may switch the gateway now, and nothing else renews meanwhile.
    const rollover = await this.options.dane?.advance();
    const report: DueReport = {
      renewed: [],
      waiting: [],
      removed: [],
      rollover: rollover ?? { outcome: 'none', rollover: null, script: null, reloaded: false, oldRemoved: false, problem: null },
    };
    const now = this.now();
    const state = this.state();
    for (const entry of this.store.get('certificates')) {
      if (!isInstalled(entry) || !state.ordered[entry.id] || state.replaced[entry.id]) continue;
      const start = renewalStart(new Date(entry.notBefore), new Date(entry.notAfter), state.account?.renewDays);
      const retry = state.renewals[entry.id]?.nextAttempt;
      const at = new Date(Math.max(start.getTime(), retry ? new Date(retry).getTime() : 0));
      if (at.getTime() > now.getTime()) {
        report.waiting.push({ id: entry.id, friendlyName: entry.friendlyName, at: at.toISOString() });
        continue;
      }
      try {
        report.renewed.push({
          id: entry.id,
          friendlyName: entry.friendlyName,
          result: await this.renewNow(entry.id, onProgress),
          error: null,
        });
      } catch (error) {
        const problem = problemOf(error);
        report.renewed.push({
          id: entry.id,
          friendlyName: entry.friendlyName,
          result: null,
          error: { ...problem, message: detailOf(error) },
        });
      }
    }
    report.removed = await this.removeExpiredReplaced();
    return report;
  }

  /** The old certificates a renewal replaced stay listed until they expire; then they go, with their key. */
  private async removeExpiredReplaced(): Promise<{ id: string; friendlyName: string }[]> {
    const removed: { id: string; friendlyName: string }[] = [];
    const now = this.now().getTime();
    for (const [oldId] of Object.entries(this.state().replaced)) {
      const entry = this.store.get('certificates').find((candidate) => candidate.id === oldId);
      if (entry && isInstalled(entry) && new Date(entry.notAfter).getTime() > now) continue;
      if (entry && !(isInstalled(entry) && entry.state === 'assigned')) {
        await this.options.installed.remove(oldId, true);
        removed.push({ id: oldId, friendlyName: entry.friendlyName });
      }
      this.update((state) => {
        const replaced = { ...state.replaced };
        const ordered = { ...state.ordered };
        delete replaced[oldId];
        delete ordered[oldId];
        return { ...state, replaced, ordered };
      });
    }
    return removed;
  }
}
