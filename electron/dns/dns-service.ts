import { readFileSync } from 'node:fs';
import { getDomain } from 'tldts';
import {
  defaultDnsSettings,
  formatRecords,
  ownerNames,
  planRecords,
  zoneOf,
  type DnsFormat,
  type DnsSettings,
} from '../../shared/dns/records';
import { RpcError } from '../../shared/rpc/protocol';
import { gatewayTlsPaths } from '../paths';
import type { AppStore } from '../store/app-store';
import type { DaneRollover } from './rollover';
import { spkiSha256 } from './spki';
import { verifyRecords } from './verify';

/** The key the running gateway serves, read over STARTTLS on its s2s port; null when it does not run or does not answer. */
export type ServedKey = () => Promise<{ spkiSha256: string; address: string } | null>;

const fileNames: Record<DnsFormat, string> = {
  zone: 'xmpp-federation.zone',
  powershell: 'xmpp-federation-dns.ps1',
  nsupdate: 'xmpp-federation.nsupdate',
};

/** The DNS records federation needs, in the admin's format (zone file, PowerShell, nsupdate), and their check. */
export class DnsService {
  constructor(
    private readonly store: AppStore,
    private readonly dataDir: string,
    private readonly rollover: DaneRollover,
    private readonly servedKey: ServedKey,
  ) {}

  settings(): DnsSettings {
    return this.store.get('dns') ?? defaultDnsSettings;
  }

  saveSettings(settings: DnsSettings): DnsSettings {
    this.store.set('dns', settings);
    return settings;
  }

  private plan() {
    const topology = this.store.get('topology');
    if (!topology)
      throw new RpcError('refused', 'Fill in the edge topology first: the records point to its access edge.', [], {
        reason: 'records.no-topology',
      });
    if (topology.xmppDomains.length === 0)
      throw new RpcError('refused', 'The topology has no XMPP domains, so federation needs no SRV records.', [], {
        reason: 'records.no-xmpp',
      });
    // The SRV records publish the ports the gateway really listens on (edgewiz gateway configure --port).
    const gateway = this.store.get('gateway');
    const settings = this.settings();
    let spki: string | null = null;
    if (settings.tlsa) {
      const pem = this.assignedCertificate();
      if (!pem)
        throw new RpcError(
          'refused',
          "DANE records pin the gateway's key: assign a certificate to the gateway first, or turn TLSA off (edgewiz dns settings --tlsa off).",
          [],
          { reason: 'records.tlsa-no-certificate' },
        );
      spki = spkiSha256(pem);
    }
    const plan = planRecords(topology, settings, { s2s: gateway.s2sPort, directTls: gateway.directTlsPort }, spki);
    // During a key rollover the next key's records stand next to the current ones.
    if (settings.tlsa) plan.tlsa.push(...this.rollover.nextRecords());
    return plan;
  }

  /**
   * The records in `format`, published in the admin's `zones`; by default each name goes in its
   * registrable domain (im.fabrikam.com and edgepool01.dmz.fabrikam.com both in fabrikam.com).
   */
  records(format: DnsFormat, zones?: string[]) {
    const plan = this.plan();
    const names = ownerNames(plan);
    const published = zones && zones.length > 0 ? zones : [...new Set(names.map((name) => getDomain(name) ?? name))];
    const outside = names.filter((name) => !zoneOf(name, published));
    if (outside.length > 0) {
      const message = `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} in none of the zones ${published.join(', ')}. Name the zone that holds ${outside.length === 1 ? 'it' : 'each of them'} too.`;
      throw new RpcError('invalid-arguments', message, [
        { path: ['zones'], reason: 'records.zone-missing', message, params: { names: outside.join(', '), zones: published.join(', ') } },
      ]);
    }
    return {
      text: formatRecords(plan, format, published),
      fileName: fileNames[format],
      srvNames: plan.srv.map((r) => r.name),
      target: plan.target,
      zones: published,
    };
  }

  /** The certificate assigned to the gateway, if any (written by Assign). */
  private assignedCertificate(): string | null {
    try {
      return readFileSync(gatewayTlsPaths(this.dataDir).certificate, 'utf8');
    } catch {
      return null;
    }
  }

  async verify(server?: string) {
    const plan = this.plan();
    const certificatePem = this.assignedCertificate();
    let tlsaKey = null;
    if (plan.tlsa.length > 0) {
      // The key the gateway really serves; the assigned one when it does not run (it serves that one once started).
      const served = await this.servedKey();
      tlsaKey = served
        ? { source: 'gateway' as const, spkiSha256: served.spkiSha256, address: served.address }
        : { source: 'assigned' as const, spkiSha256: spkiSha256(certificatePem!), address: null };
    }
    const rollover = this.rollover.pending();
    const records = await verifyRecords(plan, {
      server,
      certificatePem,
      servedSpkiSha256: tlsaKey?.spkiSha256 ?? null,
      // During a rollover the set must hold the next key's record too.
      alsoRequired: rollover ? [rollover.nextSpki] : [],
    });
    return { records, tlsaKey };
  }
}
