import { describe, expect, it } from 'vitest';
import { defaultDnsSettings, formatRecords, planRecords } from '../../shared/dns/records';
import { topologyInputSchema } from '../../shared/domain/topology';

const topology = topologyInputSchema.parse({
  sipDomains: ['contoso.com'],
  accessEdgeFqdn: 'sip.contoso.com',
  internalEdgeFqdn: 'edge-int.contoso.local',
  xmppDomains: ['contoso.com', '회사.한국'],
});

const zones = ['contoso.com', 'xn--vf4b131b.xn--3e0b707e'];

describe('DNS record formats (golden)', () => {
  const plan = planRecords(topology, { ...defaultDnsSettings, publicIpv4: '203.0.113.10' });

  it('zone-file fragment, IDN as A-labels', () => {
    expect(formatRecords(plan, 'zone', zones)).toBe(
      [
        '; XMPP federation records (SRV → access edge)',
        '_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 sip.contoso.com.',
        '_xmpp-server._tcp.xn--vf4b131b.xn--3e0b707e. 3600 IN SRV 0 0 5269 sip.contoso.com.',
        'sip.contoso.com. 3600 IN A 203.0.113.10',
        '',
      ].join('\n'),
    );
  });

  it('PowerShell (DnsServer module)', () => {
    expect(formatRecords(plan, 'powershell', zones)).toBe(
      [
        '# Run on the DNS server that hosts the public zones (DnsServer module).',
        'Add-DnsServerResourceRecord -ZoneName "contoso.com" -Srv -Name "_xmpp-server._tcp" -DomainName "sip.contoso.com" -Priority 0 -Weight 0 -Port 5269 -TimeToLive ([TimeSpan]::FromSeconds(3600))',
        'Add-DnsServerResourceRecordA -ZoneName "contoso.com" -Name "sip" -IPv4Address "203.0.113.10" -TimeToLive ([TimeSpan]::FromSeconds(3600))',
        'Add-DnsServerResourceRecord -ZoneName "xn--vf4b131b.xn--3e0b707e" -Srv -Name "_xmpp-server._tcp" -DomainName "sip.contoso.com" -Priority 0 -Weight 0 -Port 5269 -TimeToLive ([TimeSpan]::FromSeconds(3600))',
        '',
      ].join('\n'),
    );
  });

  it('nsupdate script', () => {
    expect(formatRecords(plan, 'nsupdate', zones)).toBe(
      [
        '; nsupdate -k <key file> <this file>',
        '; server <your primary DNS server>',
        'zone contoso.com.',
        'update add _xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 sip.contoso.com.',
        'update add sip.contoso.com. 3600 IN A 203.0.113.10',
        'send',
        'zone xn--vf4b131b.xn--3e0b707e.',
        'update add _xmpp-server._tcp.xn--vf4b131b.xn--3e0b707e. 3600 IN SRV 0 0 5269 sip.contoso.com.',
        'send',
        '',
      ].join('\n'),
    );
  });

  it('adds _xmpps-server records when direct TLS is on, and says the target needs an address when none is known', () => {
    const direct = planRecords(topology, defaultDnsSettings, { s2s: 5269, directTls: 5270 });
    const zone = formatRecords(direct, 'zone', zones);
    expect(zone).toContain('_xmpps-server._tcp.contoso.com. 3600 IN SRV 0 0 5270 sip.contoso.com.');
    expect(formatRecords(planRecords(topology, defaultDnsSettings, { s2s: 5299, directTls: null }), 'zone', zones)).toContain(
      '_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5299 sip.contoso.com.',
    );
    expect(zone).toContain("; sip.contoso.com. needs an A and/or AAAA record with the access edge's public address");
  });
});
