import { z } from 'zod';
import { quotePowerShell } from '../certificates/commands';
import type { Topology } from '../domain/topology';
import { tlsaRecords, tlsaText, type TlsaRecord } from './tlsa';

/** DNS publishing settings; the addresses are optional (A/AAAA lines are emitted only when known). */
export const dnsSettingsSchema = z.object({
  ttl: z.number().int().min(60).max(604800),
  priority: z.number().int().min(0).max(65535),
  weight: z.number().int().min(0).max(65535),
  publicIpv4: z.union([z.ipv4({ message: 'Enter an IPv4 address such as 203.0.113.10.' }), z.literal('')]),
  publicIpv6: z.union([z.ipv6({ message: 'Enter an IPv6 address such as 2001:db8::10.' }), z.literal('')]),
  /** Publish DANE TLSA records for the gateway's key (off unless the admin turns it on). */
  tlsa: z.boolean().default(false),
});
export type DnsSettings = z.infer<typeof dnsSettingsSchema>;
export const defaultDnsSettings: DnsSettings = { ttl: 3600, priority: 0, weight: 0, publicIpv4: '', publicIpv6: '', tlsa: false };

export const XMPP_S2S_PORT = 5269;

interface SrvRecord {
  /** Owner name without the trailing dot, A-labels. */
  name: string;
  domain: string;
  service: '_xmpp-server._tcp' | '_xmpps-server._tcp';
  ttl: number;
  priority: number;
  weight: number;
  port: number;
  target: string;
}

interface AddressRecord {
  name: string;
  type: 'A' | 'AAAA';
  ttl: number;
  address: string;
}

export interface DnsPlan {
  srv: SrvRecord[];
  /** The target's addresses, when the settings know them. */
  addresses: AddressRecord[];
  /** DANE records for the gateway's key, when the admin publishes them. */
  tlsa: TlsaRecord[];
  /** The SRV target, which must resolve (A and/or AAAA) whether or not its address is known here. */
  target: string;
}

/** The gateway's listening ports the SRV records publish (its configured s2s port, and direct TLS when on). */
export interface GatewayPorts {
  s2s: number;
  directTls: number | null;
}

/** The records federation needs: per XMPP domain an SRV to the access edge, and the target's address. */
export function planRecords(
  topology: Topology,
  settings: DnsSettings,
  ports: GatewayPorts = { s2s: XMPP_S2S_PORT, directTls: null },
  /** SHA-256 of the assigned key's SubjectPublicKeyInfo (hex); TLSA records are planned when set and settings.tlsa is on. */
  spkiSha256: string | null = null,
): DnsPlan {
  const target = topology.accessEdgeFqdn;
  const srv: SrvRecord[] = [];
  for (const domain of topology.xmppDomains) {
    const base = { domain, ttl: settings.ttl, priority: settings.priority, weight: settings.weight, target };
    srv.push({ ...base, service: '_xmpp-server._tcp', name: `_xmpp-server._tcp.${domain}`, port: ports.s2s });
    if (ports.directTls !== null)
      srv.push({ ...base, service: '_xmpps-server._tcp', name: `_xmpps-server._tcp.${domain}`, port: ports.directTls });
  }
  const addresses: AddressRecord[] = [];
  if (settings.publicIpv4) addresses.push({ name: target, type: 'A', ttl: settings.ttl, address: settings.publicIpv4 });
  if (settings.publicIpv6) addresses.push({ name: target, type: 'AAAA', ttl: settings.ttl, address: settings.publicIpv6 });
  const tlsaPorts = ports.directTls !== null ? [ports.s2s, ports.directTls] : [ports.s2s];
  const tlsa = settings.tlsa && spkiSha256 ? tlsaRecords(target, tlsaPorts, settings.ttl, spkiSha256) : [];
  return { srv, addresses, tlsa, target };
}

const fqdn = (name: string) => `${name}.`;
const addressNeeded = (plan: DnsPlan) => `${fqdn(plan.target)} needs an A and/or AAAA record with the access edge's public address`;

function asZoneFile(plan: DnsPlan): string {
  const lines = ['; XMPP federation records (SRV → access edge)'];
  for (const r of plan.srv) lines.push(`${fqdn(r.name)} ${r.ttl} IN SRV ${r.priority} ${r.weight} ${r.port} ${fqdn(r.target)}`);
  for (const a of plan.addresses) lines.push(`${fqdn(a.name)} ${a.ttl} IN ${a.type} ${a.address}`);
  for (const t of plan.tlsa) lines.push(`${fqdn(t.name)} ${t.ttl} IN TLSA ${tlsaText(t)}`);
  if (plan.addresses.length === 0) lines.push(`; ${addressNeeded(plan)}`);
  return `${lines.join('\n')}\n`;
}

/** The zone that holds `name`: the longest of `zones` that is the name or one of its parents. */
export function zoneOf(name: string, zones: string[]): string | undefined {
  return zones.filter((zone) => name === zone || name.endsWith(`.${zone}`)).sort((x, y) => y.length - x.length)[0];
}

/** `name` relative to its zone, as zone files and the DnsServer cmdlets want it ("@" for the apex). */
function relativeName(name: string, zone: string): string {
  return name === zone ? '@' : name.slice(0, -(zone.length + 1));
}

/** Every record's owner name, in the plan's order. */
export function ownerNames(plan: DnsPlan): string[] {
  return [...new Set([...plan.srv.map((r) => r.name), ...plan.addresses.map((a) => a.name), ...plan.tlsa.map((t) => t.name)])];
}

/** The plan's records grouped by the zone (of `zones`) that holds them; a name no zone holds is an error for the caller. */
interface ZoneGroup {
  zone: string;
  srv: SrvRecord[];
  addresses: AddressRecord[];
  tlsa: TlsaRecord[];
}

function byZone(plan: DnsPlan, zones: string[]): ZoneGroup[] {
  const groups = new Map<string, ZoneGroup>();
  const group = (name: string) => {
    const zone = zoneOf(name, zones);
    if (!zone) throw new Error(`${name} is in none of the zones ${zones.join(', ')}`);
    let entry = groups.get(zone);
    if (!entry) groups.set(zone, (entry = { zone, srv: [], addresses: [], tlsa: [] }));
    return entry;
  };
  for (const r of plan.srv) group(r.name).srv.push(r);
  for (const a of plan.addresses) group(a.name).addresses.push(a);
  for (const t of plan.tlsa) group(t.name).tlsa.push(t);
  return [...groups.values()];
}

function asPowerShell(plan: DnsPlan, zones: string[]): string {
  const lines = ['# Run on the DNS server that hosts the public zones (DnsServer module).'];
  for (const { zone, srv, addresses, tlsa } of byZone(plan, zones)) {
    for (const t of tlsa) {
      lines.push(
        `Add-DnsServerResourceRecord -ZoneName ${quotePowerShell(zone)} -TLSA -Name ${quotePowerShell(relativeName(t.name, zone))} ` +
          `-CertificateUsage DomainIssuedCertificate -Selector SubjectPublicKeyInfo -MatchingType Sha256Hash -CertificateAssociationData ${quotePowerShell(t.data)} -TimeToLive ([TimeSpan]::FromSeconds(${t.ttl}))`,
      );
    }
    for (const r of srv) {
      lines.push(
        `Add-DnsServerResourceRecord -ZoneName ${quotePowerShell(zone)} -Srv -Name ${quotePowerShell(relativeName(r.name, zone))} -DomainName ${quotePowerShell(r.target)} ` +
          `-Priority ${r.priority} -Weight ${r.weight} -Port ${r.port} -TimeToLive ([TimeSpan]::FromSeconds(${r.ttl}))`,
      );
    }
    for (const a of addresses) {
      const cmdlet = a.type === 'A' ? 'Add-DnsServerResourceRecordA' : 'Add-DnsServerResourceRecordAAAA';
      const parameter = a.type === 'A' ? '-IPv4Address' : '-IPv6Address';
      lines.push(
        `${cmdlet} -ZoneName ${quotePowerShell(zone)} -Name ${quotePowerShell(relativeName(a.name, zone))} ${parameter} ${quotePowerShell(a.address)} -TimeToLive ([TimeSpan]::FromSeconds(${a.ttl}))`,
      );
    }
  }
  if (plan.addresses.length === 0) lines.push(`# ${addressNeeded(plan)}`);
  return `${lines.join('\n')}\n`;
}

/** One update per zone (a zone line naming a name that is not a zone apex gets NOTAUTH); owner names stay absolute. */
function asNsupdate(plan: DnsPlan, zones: string[]): string {
  const lines = ['; nsupdate -k <key file> <this file>', '; server <your primary DNS server>'];
  for (const { zone, srv, addresses, tlsa } of byZone(plan, zones)) {
    lines.push(`zone ${fqdn(zone)}`);
    for (const t of tlsa) lines.push(`update add ${fqdn(t.name)} ${t.ttl} IN TLSA ${tlsaText(t)}`);
    for (const r of srv) lines.push(`update add ${fqdn(r.name)} ${r.ttl} IN SRV ${r.priority} ${r.weight} ${r.port} ${fqdn(r.target)}`);
    for (const a of addresses) lines.push(`update add ${fqdn(a.name)} ${a.ttl} IN ${a.type} ${a.address}`);
    lines.push('send');
  }
  if (plan.addresses.length === 0) lines.push(`; ${addressNeeded(plan)}`);
  return `${lines.join('\n')}\n`;
}

export const dnsFormats = ['zone', 'powershell', 'nsupdate'] as const;
export type DnsFormat = (typeof dnsFormats)[number];

/** `zones` are the zones the records are published in; every owner name must be in one of them. */
export function formatRecords(plan: DnsPlan, format: DnsFormat, zones: string[]): string {
  return format === 'zone' ? asZoneFile(plan) : format === 'powershell' ? asPowerShell(plan, zones) : asNsupdate(plan, zones);
}

const recordStatuses = ['ok', 'missing', 'wrong-target', 'wrong-port', 'unresolved', 'certificate-mismatch', 'dane-mismatch'] as const;
export const verifiedRecordSchema = z.object({
  name: z.string(),
  type: z.enum(['SRV', 'A/AAAA', 'certificate', 'TLSA']),
  status: z.enum(recordStatuses),
  /** English, for the CLI; where they are sentences rather than record data, the UI says them from these codes (values: the name). */
  expected: z.string(),
  found: z.string(),
  expectedReason: z.string().optional(),
  foundReason: z.string().optional(),
});
export type VerifiedRecord = z.infer<typeof verifiedRecordSchema>;

/** One step of a federation probe, as a person reads it. */
const probeStepSchema = z.object({
  id: z.enum(['srv', 'address', 'stream', 'tls', 'certificate']),
  status: z.enum(['ok', 'warning', 'failed']),
  /** English, for the CLI; the UI renders `reason` with `params` from its catalogs when it has one. */
  detail: z.string(),
  reason: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ProbeStep = z.infer<typeof probeStepSchema>;
export const federationProbeSchema = z.object({ domain: z.string(), ok: z.boolean(), steps: z.array(probeStepSchema) });
export type FederationProbe = z.infer<typeof federationProbeSchema>;
