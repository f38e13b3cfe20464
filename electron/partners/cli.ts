import { toUnicodeName } from '../../shared/domain/dns-name';
import type { Partner } from '../../shared/partners/partner';
import type { PartnersApplied } from '../../shared/gateway/types';
import { EXIT_OK, UsageError, call, issuesForFile, readJsonFile, requireOption, withLastEvent, type CliCommand } from '../cli/kit';
import { countOf } from '../../shared/plural';

/** One line saying how the change reached the gateway (the core applies it before answering). */
function appliedLine(applied: PartnersApplied | null): string {
  if (!applied) return '';
  switch (applied.outcome) {
    case 'reloaded':
      return 'Applied to the running gateway: it reread its configuration; streams of domains that no longer qualify were closed.\n';
    case 'saved':
      return 'The gateway is not running: the change applies when it starts.\n';
    case 'external':
      return `The ${applied.driver} gateway manages its own partner list: apply the change there (see: edgewiz partners export --format powershell).\n`;
    case 'failed':
      return `Saved, but NOT applied to the gateway: ${applied.message ?? 'unknown error'}\n`;
  }
}

/** The partner rules carry zod schemas: loaded when a command prints partners, not for --help. */
async function formatPartners(partners: Partner[]): Promise<string> {
  const { negotiationVerdict } = await import('../../shared/partners/partner');
  if (partners.length === 0) return 'No XMPP federation partners. Add one with: edgewiz partners add --file PARTNER.json\n';
  return (
    partners
      .map((p) => {
        const verdict = negotiationVerdict(p.tlsNegotiation, p.saslNegotiation, p.supportDialbackNegotiation);
        const lines = [
          `${toUnicodeName(p.domain)}  (${p.partnerType})`,
          `  TLS ${p.tlsNegotiation}, SASL ${p.saslNegotiation}, dialback ${p.supportDialbackNegotiation ? 'on' : 'off'}, keep-alive ${p.enableKeepAlive ? 'on' : 'off'}`,
        ];
        if (p.additionalDomains.length) lines.push(`  also ${p.additionalDomains.map(toUnicodeName).join(', ')}`);
        if (p.description) lines.push(`  ${p.description}`);
        if (verdict.level === 'warning') lines.push(`  warning: ${verdict.message}`);
        return lines.join('\n');
      })
      .join('\n') + '\n'
  );
}

export const partnerCommands: CliCommand[] = [
  {
    words: ['partners', 'list'],
    usage: ['partners list                     List the XMPP federation partners'],
    async run(context) {
      const partners = await call(context.core(), 'partners.list', {});
      context.out(partners, await formatPartners(partners));
      return EXIT_OK;
    },
  },
  {
    words: ['partners', 'add'],
    usage: ['partners add --file PARTNER.json  Add a partner, or replace the one with the same domain; a JSON array adds several'],
    options: { file: { type: 'string' } },
    async run(context, values) {
      const file = requireOption(values, 'file', 'partners add');
      const content = await readJsonFile(file);
      const [partners, applied] = await withLastEvent(context, 'gateway.applied', () =>
        call(context.core(), 'partners.import', {
          partners: (Array.isArray(content) ? content : [content]) as never,
        }).catch((error: unknown) => {
          throw issuesForFile(error, file, 'partners');
        }),
      );
      context.out(
        partners,
        `Saved. ${countOf(partners.length, 'partner', 'partners')}:\n${await formatPartners(partners)}${appliedLine(applied)}`,
      );
      return EXIT_OK;
    },
  },
  {
    words: ['partners', 'remove'],
    usage: ['partners remove DOMAIN            Remove a partner'],
    args: ['DOMAIN'],
    async run(context, _values, [domain]) {
      const partners = await call(context.core(), 'partners.list', {});
      const match = partners.find((p) => p.domain === domain.toLowerCase() || toUnicodeName(p.domain) === domain);
      const [remaining, applied] = await withLastEvent(context, 'gateway.applied', () =>
        call(context.core(), 'partners.remove', { domain: match?.domain ?? domain }),
      );
      context.out(remaining, `Removed ${domain}.\n${appliedLine(applied)}`);
      return EXIT_OK;
    },
  },
  {
    words: ['partners', 'export'],
    usage: [
      'partners export --format json|powershell',
      '                                  Print the partners as JSON or as New-CsXmppAllowedPartner commands',
    ],
    options: { format: { type: 'string' } },
    async run(context, values) {
      const format = requireOption(values, 'format', 'partners export');
      if (format !== 'json' && format !== 'powershell') throw new UsageError('--format must be json or powershell');
      const exported = await call(context.core(), 'partners.export', { format });
      context.io.stdout(exported.text);
      return EXIT_OK;
    },
  },
];
