import { describe, expect, it } from 'vitest';
import { luaString, prosodyConfig, prosodyPaths } from '../../electron/gateway/prosody-config';
import { probeHost } from '../../electron/gateway/gateway-service';
import { parseStreamFeatures } from '../../electron/xmpp/probe';
import { defaultGatewaySettings } from '../../shared/gateway/types';

const paths = prosodyPaths('/data/Edge Wizard');
const base = {
  topology: { xmppDomains: ['contoso.com', 'xn--vf4b131b.xn--3e0b707e'] },
  settings: defaultGatewaySettings,
  paths,
  tls: null,
  runAsRoot: false,
};

describe('prosody config generator', () => {
  it('has a VirtualHost per XMPP domain and keeps every path inside the data dir', () => {
    const config = prosodyConfig(base);
    expect(config).toContain('VirtualHost "contoso.com"');
    expect(config).toContain('VirtualHost "xn--vf4b131b.xn--3e0b707e"');
    expect(config).toContain('pidfile = "/data/Edge Wizard/gateway/prosody.pid"');
    expect(config).toContain('data_path = "/data/Edge Wizard/gateway/data"');
    expect(config).toContain('plugin_paths = { "/data/Edge Wizard/gateway/plugins" }');
    expect(config).toContain('filename = "/data/Edge Wizard/gateway/prosody.log"');
    expect(config).toContain('s2s_ports = { 5269 }');
    expect(config).toContain('s2s_direct_tls_ports = {}');
    expect(config).toContain('c2s_ports = {}');
    expect(config).toContain('run_as_root = false');
    expect(config).toContain('s2s_require_encryption = false');
    expect(config).not.toContain('ssl =');
    expect(config).not.toMatch(/"tls"/);
  });

  it('uses the assigned certificate for every VirtualHost and the direct TLS port when set', () => {
    const config = prosodyConfig({
      ...base,
      settings: { ...defaultGatewaySettings, s2sPort: 15269, directTlsPort: 15270 },
      tls: { certificate: paths.certificate, key: paths.key },
      runAsRoot: true,
    });
    const ssl = 'ssl = { certificate = "/data/Edge Wizard/gateway/tls/gateway.crt"; key = "/data/Edge Wizard/gateway/tls/gateway.key"; }';
    expect(config.split(ssl).length - 1).toBe(3);
    expect(config).toMatch(/VirtualHost "contoso.com"\n\tssl = /);
    expect(config).toContain('s2s_ports = { 15269 }');
    expect(config).toContain('s2s_direct_tls_ports = { 15270 }');
    expect(config).toContain('s2s_require_encryption = true');
    expect(config).toContain('run_as_root = true');
    expect(config).toMatch(/modules_enabled = \{[^}]*"tls"/);
  });

  it('takes a partner section that owns the s2s policy', () => {
    const config = prosodyConfig({
      ...base,
      partners: {
        settings: 's2s_require_encryption = true\nedgewiz_partner_domains = { "fabrikam.com" }\n',
        modules: ['edgewiz_partners'],
      },
    });
    expect(config).toContain('edgewiz_partner_domains = { "fabrikam.com" }');
    expect(config.match(/s2s_require_encryption/g)).toHaveLength(1);
    expect(config).toMatch(/modules_enabled = \{[^}]*"edgewiz_partners"/);
    expect(config.indexOf('edgewiz_partner_domains')).toBeLessThan(config.indexOf('VirtualHost'));
  });

  it('is deterministic and quotes Lua strings safely', () => {
    expect(prosodyConfig(base)).toBe(prosodyConfig(base));
    expect(luaString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });

  it('probes loopback when the gateway listens everywhere', () => {
    expect(probeHost(['*'])).toBe('127.0.0.1');
    expect(probeHost(['::'])).toBe('::1');
    expect(probeHost(['192.0.2.10'])).toBe('192.0.2.10');
  });
});

describe('stream features', () => {
  it('reads STARTTLS (required), dialback and SASL mechanisms', () => {
    const features = parseStreamFeatures({
      name: 'stream:features',
      attrs: {},
      text: '',
      children: [
        {
          name: 'starttls',
          attrs: { xmlns: 'urn:ietf:params:xml:ns:xmpp-tls' },
          text: '',
          children: [{ name: 'required', attrs: {}, text: '', children: [] }],
        },
        { name: 'dialback', attrs: { xmlns: 'urn:xmpp:features:dialback' }, text: '', children: [] },
        {
          name: 'mechanisms',
          attrs: { xmlns: 'urn:ietf:params:xml:ns:xmpp-sasl' },
          text: '',
          children: [{ name: 'mechanism', attrs: {}, text: 'EXTERNAL', children: [] }],
        },
      ],
    });
    expect(features).toEqual({
      starttls: true,
      starttlsRequired: true,
      dialback: true,
      saslMechanisms: ['EXTERNAL'],
      names: ['starttls', 'dialback', 'mechanisms'],
    });
  });
});
