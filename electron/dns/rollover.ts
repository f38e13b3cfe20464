import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AcmeDns } from '../../shared/acme/acme';
import { isInstalled } from '../../shared/certificates/installed';
import { switchTime, type Rollover, type RolloverStatus, type RolloverStep } from '../../shared/dns/rollover';
import { tlsaRecords, tlsaText, type TlsaRecord } from '../../shared/dns/tlsa';
import { AcmeError, detailOf, problemOf } from '../../shared/acme/errors';
import { parseServer, runNsupdate, zoneFor } from '../nsupdate/nsupdate';
import type { AppStore } from '../store/app-store';
import { spkiSha256 } from './spki';
import { resolveTlsa } from './tlsa-query';

export interface DaneRolloverOptions {
  store: AppStore;
  dataDir: string;
  /** Assigns a certificate to the gateway (writes its files). */
  assign: (id: string) => Promise<unknown>;
  /** Re-reads the gateway's certificate in place when it runs; false when it does not run. */
  reloadGateway: () => Promise<boolean>;
  log: (message: string) => void;
  now?: () => Date;
}

const idle = (): RolloverStep => ({ outcome: 'none', rollover: null, script: null, reloaded: false, oldRemoved: false, problem: null });

/**
 * Key rollover without breaking DANE: when the gateway is to serve a new key while TLSA records
 * are published, the next key's records go up next to the current ones (through the dns-01
 * RFC 2136 settings when there are any, else as a script for the admin), and the gateway switches
 * only after both have been seen together for two TTLs; then the old records are removed.
 */
export class DaneRollover {
  private readonly now: () => Date;

  constructor(private readonly options: DaneRolloverOptions) {
    this.now = options.now ?? (() => new Date());
  }

  private get store(): AppStore {
    return this.options.store;
  }

  /** The certificate the gateway is given now (Assign's file), if any. */
  private assignedPem(): string | null {
    try {
      return readFileSync(join(this.options.dataDir, 'gateway', 'tls', 'gateway.crt'), 'utf8');
    } catch {
      return null;
    }
  }

  /** Whether a new key for the gateway must roll over: TLSA records are published and a certificate is assigned. */
  active(): boolean {
    return this.store.get('dns').tlsa && this.assignedPem() !== null;
  }

  pending(): Rollover | null {
    return this.store.get('daneRollover');
  }

  /**
   * Whether assigning a certificate with `nextSpki` needs a rollover: TLSA records are published
   * and the gateway is given another key now.
   */
  needed(nextSpki: string): boolean {
    if (!this.store.get('dns').tlsa) return false;
    const current = this.assignedPem();
    return current !== null && spkiSha256(current) !== nextSpki;
  }

  /** Whether assigning certificate `id` needs a rollover (see {@link needed}). */
  neededFor(id: string): boolean {
    const entry = this.store.get('certificates').find((candidate) => candidate.id === id);
    return entry !== undefined && isInstalled(entry) && this.needed(spkiSha256(entry.certificatePem));
  }

  /** Refuses to assign a certificate whose key would break the published TLSA records: a rollover must do it. */
  guard(certificate: { id: string; friendlyName: string; certificatePem: string }): void {
    if (this.needed(spkiSha256(certificate.certificatePem)))
      throw new AcmeError('acme.dane-assign', { name: certificate.friendlyName, id: certificate.id });
    // The admin assigns another certificate by hand (TLSA off): a pending rollover must not override it later.
    const pending = this.pending();
    if (pending && pending.certificateId !== certificate.id) {
      this.store.set('daneRollover', null);
      this.options.log(
        `DANE rollover to ${pending.friendlyName} (${pending.certificateId}) dropped: ${certificate.friendlyName} was assigned.`,
      );
    }
  }

  /** The TLSA records for `spki` at every port the gateway listens on. */
  private records(spki: string, ttl: number): TlsaRecord[] {
    const topology = this.store.get('topology');
    if (!topology) throw new AcmeError('acme.dane-no-topology');
    const gateway = this.store.get('gateway');
    const ports = gateway.directTlsPort !== null ? [gateway.s2sPort, gateway.directTlsPort] : [gateway.s2sPort];
    return tlsaRecords(topology.accessEdgeFqdn, ports, ttl, spki);
  }

  /** The RFC 2136 settings of dns-01, when the admin gave them: the records are sent through them. */
  private updates(): AcmeDns | null {
    return this.store.get('acme').dns;
  }

  /** The nsupdate input that adds or deletes `records`, for `dns` (its server) or for the admin (no server line). */
  private async script(records: TlsaRecord[], action: 'add' | 'delete', dns: AcmeDns | null): Promise<string> {
    const target = records[0].name.split('.').slice(2).join('.');
    // tldts (the public suffix list) is loaded only here, so reading the rollover's status stays cheap.
    const zone = dns ? zoneFor(target, dns.zones) : ((await import('./public-suffix')).getDomain(target) ?? target);
    const lines = dns ? [`server ${parseServer(dns.server).host} ${parseServer(dns.server).port}`] : [];
    if (zone) lines.push(`zone ${zone}.`);
    for (const record of records)
      lines.push(
        action === 'add'
          ? `update add ${record.name}. ${record.ttl} IN TLSA ${tlsaText(record)}`
          : `update delete ${record.name}. IN TLSA ${tlsaText(record)}`,
      );
    lines.push('send', '');
    return lines.join('\n');
  }

  /**
   * Starts the rollover to certificate `id`: publishes its key's TLSA records next to the current
   * ones (or returns them as a script). `server` is watched for them (default: the dns-01 server,
   * else the system resolver).
   */
  async stage(id: string, server?: string): Promise<RolloverStep> {
    const existing = this.pending();
    if (existing) throw new AcmeError('acme.dane-pending', { name: existing.friendlyName, id: existing.certificateId });
    const entry = this.store.get('certificates').find((candidate) => candidate.id === id);
    if (!entry || !isInstalled(entry)) throw new AcmeError('acme.dane-no-certificate', { id });
    if (!this.store.get('dns').tlsa) throw new AcmeError('acme.dane-off', { name: entry.friendlyName, id });
    const current = this.assignedPem();
    if (!current) throw new AcmeError('acme.dane-nothing-assigned');
    const currentSpki = spkiSha256(current);
    const nextSpki = spkiSha256(entry.certificatePem);
    if (currentSpki === nextSpki) throw new AcmeError('acme.dane-same-key', { name: entry.friendlyName });
    const ttl = this.store.get('dns').ttl;
    const records = this.records(nextSpki, ttl);
    const dns = this.updates();
    let script: string | null = null;
    let problem = null;
    let publishedBy: Rollover['publishedBy'] = 'admin';
    if (dns) {
      try {
        await runNsupdate(dns, records[0].name, await this.script(records, 'add', dns));
        publishedBy = 'nsupdate';
      } catch (error) {
        // The rollover still waits until the record is seen, so nothing breaks: the admin publishes it.
        problem = problemOf(error);
        script = await this.script(records, 'add', null);
        this.options.log(`DANE rollover: could not publish the next TLSA record: ${detailOf(error)}`);
      }
    } else {
      script = await this.script(records, 'add', null);
    }
    const rollover: Rollover = {
      certificateId: id,
      friendlyName: entry.friendlyName,
      currentSpki,
      nextSpki,
      ttl,
      stagedAt: this.now().toISOString(),
      publishedBy,
      server: server ?? dns?.server ?? null,
      seenAt: null,
      switchAt: null,
    };
    this.store.update((tx) => {
      // Another process may have started one meanwhile: one rollover at a time.
      const other = tx.get('daneRollover');
      if (other) throw new AcmeError('acme.dane-pending', { name: other.friendlyName, id: other.certificateId });
      tx.set('daneRollover', rollover);
    });
    this.options.log(
      `DANE rollover to ${entry.friendlyName} (${id}): the next key's TLSA record ${publishedBy === 'nsupdate' ? `was sent to ${dns!.server}` : 'is for the admin to publish'}.`,
    );
    const checked = await this.check(rollover);
    return { ...idle(), outcome: 'staged', rollover: this.describe(checked), script, problem };
  }

  /** Whether the server answers both the current and the next record at every name. */
  private async bothSeen(rollover: Rollover): Promise<boolean> {
    const names = this.records(rollover.nextSpki, rollover.ttl).map((record) => record.name);
    const answers = await Promise.all(names.map((name) => resolveTlsa(name, rollover.server ?? undefined).catch(() => null)));
    return answers.every(
      (set) =>
        set !== null &&
        [rollover.currentSpki, rollover.nextSpki].every((spki) =>
          set.some((a) => a.usage === 3 && a.selector === 1 && a.matchingType === 1 && a.data.toLowerCase() === spki),
        ),
    );
  }

  /** Asks the DNS server again; the two TTLs count from the first answer with both records, and restart when one goes. */
  private async check(rollover: Rollover): Promise<Rollover> {
    const seen = await this.bothSeen(rollover);
    const now = this.now();
    const next: Rollover = seen
      ? rollover.seenAt
        ? rollover
        : { ...rollover, seenAt: now.toISOString(), switchAt: switchTime(now, rollover.ttl).toISOString() }
      : { ...rollover, seenAt: null, switchAt: null };
    if (next.seenAt !== rollover.seenAt) {
      this.store.update((tx) => {
        // Only this rollover's book-keeping: another process may have finished it meanwhile.
        if (tx.get('daneRollover')?.certificateId === rollover.certificateId) tx.set('daneRollover', next);
      });
    }
    return next;
  }

  describe(rollover: Rollover): RolloverStatus {
    const waiting: RolloverStatus['waiting'] = rollover.switchAt
      ? {
          code: 'acme.dane-waiting',
          params: {
            name: rollover.friendlyName,
            until: `${rollover.switchAt.slice(0, 16).replace('T', ' ')} UTC`,
            ttl: String(rollover.ttl),
          },
        }
      : rollover.server
        ? { code: 'acme.dane-not-seen', params: { name: rollover.friendlyName, server: rollover.server } }
        : { code: 'acme.dane-not-seen-system', params: { name: rollover.friendlyName } };
    const { certificateId, friendlyName, currentSpki, nextSpki, ttl, publishedBy, seenAt, switchAt } = rollover;
    return { certificateId, friendlyName, currentSpki, nextSpki, ttl, publishedBy, server: rollover.server, seenAt, switchAt, waiting };
  }

  status(): RolloverStatus | null {
    const rollover = this.pending();
    return rollover ? this.describe(rollover) : null;
  }

  /** The records the DNS output adds during a rollover: the next key's, next to the current ones. */
  nextRecords(): TlsaRecord[] {
    const rollover = this.pending();
    return rollover ? this.records(rollover.nextSpki, rollover.ttl) : [];
  }

  /**
   * One step of the autopilot: checks the DNS server again and, once both records have been seen
   * for two TTLs, assigns the next certificate, has the gateway re-read it in place, and removes
   * the old records.
   */
  async advance(): Promise<RolloverStep> {
    const pending = this.pending();
    if (!pending) return idle();
    const entry = this.store.get('certificates').find((candidate) => candidate.id === pending.certificateId);
    if (!entry || !isInstalled(entry)) {
      // The next certificate was removed: there is nothing to switch to.
      this.store.set('daneRollover', null);
      this.options.log(`DANE rollover to ${pending.certificateId} dropped: that certificate is gone.`);
      return idle();
    }
    // With TLSA records turned off there is no record to wait for: the gateway switches at once.
    const rollover = this.store.get('dns').tlsa ? await this.check(pending) : pending;
    const due =
      !this.store.get('dns').tlsa || (rollover.switchAt !== null && new Date(rollover.switchAt).getTime() <= this.now().getTime());
    if (!due) return { ...idle(), outcome: 'waiting', rollover: this.describe(rollover) };

    await this.options.assign(rollover.certificateId);
    const reloaded = await this.options.reloadGateway();
    this.store.set('daneRollover', null);
    const old = this.records(rollover.currentSpki, rollover.ttl);
    const dns = this.updates();
    let oldRemoved = false;
    let script: string | null = null;
    let problem = null;
    if (rollover.publishedBy === 'nsupdate' && dns) {
      try {
        await runNsupdate(dns, old[0].name, await this.script(old, 'delete', dns));
        oldRemoved = true;
      } catch (error) {
        problem = problemOf(error);
        script = await this.script(old, 'delete', null);
      }
    } else {
      script = await this.script(old, 'delete', null);
    }
    this.options.log(
      `DANE rollover: the gateway serves ${rollover.friendlyName} (${rollover.certificateId}) now${oldRemoved ? '; the old TLSA record was removed' : '; remove the old TLSA record'}.`,
    );
    return { outcome: 'switched', rollover: this.describe(rollover), script, reloaded, oldRemoved, problem };
  }
}
