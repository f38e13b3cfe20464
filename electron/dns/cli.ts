import type { DnsFormat } from '../../shared/dns/records';
import { EXIT_OK, EXIT_REFUSED, UsageError, call, issuesForFile, type CliCommand } from '../cli/kit';
import { countOf } from '../../shared/plural';

export const dnsCommands: CliCommand[] = [
  {
    words: ['dns', 'settings'],
    usage: ["dns settings [--tlsa on|off]      Show the DNS settings; --tlsa publishes DANE records for the gateway's key"],
    options: { tlsa: { type: 'string' } },
    async run(context, values) {
      const core = context.core();
      let settings = await call(core, 'dns.settings.get', {});
      if (values.tlsa !== undefined) {
        if (values.tlsa !== 'on' && values.tlsa !== 'off') throw new UsageError('--tlsa must be on or off');
        settings = await call(core, 'dns.settings.set', { settings: { ...settings, tlsa: values.tlsa === 'on' } });
      }
      const rows: [string, string][] = [
        ['TTL', String(settings.ttl)],
        ['SRV priority', String(settings.priority)],
        ['SRV weight', String(settings.weight)],
        ['Public IPv4', settings.publicIpv4 || '—'],
        ['Public IPv6', settings.publicIpv6 || '—'],
        ['DANE (TLSA)', settings.tlsa ? 'on' : 'off'],
      ];
      context.out(settings, rows.map(([label, value]) => `${label.padEnd(12)}  ${value}`).join('\n') + '\n');
      return EXIT_OK;
    },
  },
  {
    words: ['dns', 'records'],
    usage: [
      'dns records [--format zone|powershell|nsupdate] [--zone Z]...',
      '                                  Print the SRV (and address) records XMPP federation needs;',
      "                                  --zone names a zone they are published in (default: each name's registrable domain)",
    ],
    options: { format: { type: 'string' }, zone: { type: 'string', multiple: true } },
    async run(context, values) {
      const format = (values.format ?? 'zone') as DnsFormat;
      // Loaded here, not at start-up: the records module carries zod schemas.
      const { dnsFormats } = await import('../../shared/dns/records');
      if (!dnsFormats.includes(format)) throw new UsageError('--format must be zone, powershell or nsupdate');
      const zones = (values.zone as unknown as string[] | undefined) ?? [];
      const records = await call(context.core(), 'dns.records', zones.length ? { format, zones } : { format }).catch((error: unknown) => {
        throw issuesForFile(error, '--zone', 'zones');
      });
      context.out({ format, zones: records.zones, text: records.text }, records.text);
      return EXIT_OK;
    },
  },
  {
    words: ['dns', 'verify'],
    usage: ['dns verify [--server HOST:PORT]   Check the records against DNS (exit 1 when one is wrong)'],
    options: { server: { type: 'string' } },
    async run(context, values) {
      const server = typeof values.server === 'string' ? values.server : undefined;
      const { records, tlsaKey } = await call(context.core(), 'dns.verify', server ? { server } : {});
      const width = Math.max(...records.map((r) => r.name.length));
      const keyLine = !tlsaKey
        ? ''
        : tlsaKey.source === 'gateway'
          ? `TLSA checked against the key the running gateway serves (${tlsaKey.address}, after STARTTLS)\n`
          : "TLSA checked against the assigned certificate's key: the gateway is not running, or its key could not be read after STARTTLS\n";
      context.out(
        { records, tlsaKey },
        keyLine +
          records
            .map(
              (r) =>
                `${r.status === 'ok' ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(width)}  ${r.type.padEnd(11)} ${r.status}\n        expected ${r.expected}\n        found    ${r.found}\n`,
            )
            .join(''),
      );
      const bad = records.filter((r) => r.status !== 'ok');
      if (bad.length === 0) return EXIT_OK;
      context.io.stderr(
        `edgewiz: ${countOf(bad.length, 'DNS check', 'DNS checks')} failed: ${bad.map((r) => `${r.name} ${r.status}`).join(', ')}\n`,
      );
      return EXIT_REFUSED;
    },
  },
  {
    words: ['dns', 'rollover'],
    usage: [
      'dns rollover [--id ID [--server HOST:PORT]]',
      "                                  DANE key rollover: --id publishes that certificate's TLSA record next to the current",
      '                                  one (--server: where to watch for it); without, checks it and switches the gateway',
      '                                  once both records were seen for two TTLs',
    ],
    options: { id: { type: 'string' }, server: { type: 'string' } },
    async run(context, values) {
      const id = typeof values.id === 'string' ? values.id : undefined;
      const server = typeof values.server === 'string' ? values.server : undefined;
      if (server !== undefined && id === undefined) throw new UsageError('--server goes with --id');
      const step = await call(context.core(), 'dns.rollover', { ...(id ? { id } : {}), ...(server ? { server } : {}) });
      const { describeRolloverStep } = await import('../cli/acme-output');
      context.out(step, describeRolloverStep(step));
      return EXIT_OK;
    },
  },
  {
    words: ['dns', 'probe'],
    usage: [
      'dns probe DOMAIN [--server HOST:PORT]',
      '                                  Follow the path a partner takes to DOMAIN: SRV, address, stream, STARTTLS, certificate',
    ],
    options: { server: { type: 'string' } },
    args: ['DOMAIN'],
    async run(context, values, [domain]) {
      const server = typeof values.server === 'string' ? values.server : undefined;
      const result = await call(context.core(), 'dns.probe', server ? { domain, server } : { domain });
      const mark = { ok: 'ok  ', warning: 'warn', failed: 'FAIL' } as const;
      context.out(result, result.steps.map((step) => `${mark[step.status]}  ${step.id.padEnd(11)} ${step.detail}\n`).join(''));
      return result.ok ? EXIT_OK : EXIT_REFUSED;
    },
  },
];
