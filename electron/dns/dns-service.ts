import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
import type { AppStore } from '../store/app-store';
import { verifyRecords } from './verify';

/** SHA-256 of a certificate's SubjectPublicKeyInfo, hex: the data of a TLSA 3 1 1 record. */
export function spkiSha256(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('hex');
}

const fileNames: Record<DnsFormat, string> = {
  zone: 'xmpp-federation.zone',
  powershell: 'xmpp-federation-dns.ps1',
  nsupdate: 'xmpp-federation.nsupdate',
};

/** The DNS records federation needs, in the admin's format, and their check (SPEC §8). */
export class DnsService {
  constructor(
    private readonly store: AppStore,
    private readonly dataDir: string,
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
    if (!topology) throw new RpcError('refused', 'Fill in the edge topology first: the records point to its access edge.');
    if (topology.xmppDomains.length === 0)
      throw new RpcError('refused', 'The topology has no XMPP domains, so federation needs no SRV records.');
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
        );
      spki = spkiSha256(pem);
    }
    return planRecords(topology, settings, { s2s: gateway.s2sPort, directTls: gateway.directTlsPort }, spki);
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
        { path: ['zones'], reason: 'dns.zone-missing', message, params: { names: outside.join(', '), zones: published.join(', ') } },
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
      return readFileSync(join(this.dataDir, 'gateway', 'tls', 'gateway.crt'), 'utf8');
    } catch {
      return null;
    }
  }

  verify(server?: string) {
    const certificatePem = this.assignedCertificate();
    // The gateway serves the assigned certificate's key (it is given to Prosody as is).
    const servedSpkiSha256 = certificatePem ? spkiSha256(certificatePem) : null;
    return verifyRecords(this.plan(), { server, certificatePem, servedSpkiSha256 }).then((records) => ({ records }));
  }
}
