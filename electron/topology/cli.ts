import { toUnicodeName } from '../../shared/domain/dns-name';
import type { Topology } from '../../shared/domain/topology';
import { EXIT_OK, call, issuesForFile, readJsonFile, requireOption, type CliCommand } from '../cli/kit';

function formatTopology(topology: Topology): string {
  const name = (ascii: string) => {
    const unicode = toUnicodeName(ascii);
    return unicode === ascii ? ascii : `${unicode} (${ascii})`;
  };
  const rows: [string, string][] = [
    ['SIP domains', topology.sipDomains.map(name).join(', ')],
    ['Access edge FQDN', name(topology.accessEdgeFqdn)],
    ['Web conferencing edge FQDN', topology.webConferencingEdgeFqdn ? name(topology.webConferencingEdgeFqdn) : '—'],
    ['A/V edge FQDN', topology.audioVideoEdgeFqdn ? name(topology.audioVideoEdgeFqdn) : '—'],
    ['Internal edge FQDN', name(topology.internalEdgeFqdn)],
    ['XMPP domains', topology.xmppDomains.length ? topology.xmppDomains.map(name).join(', ') : '— (XMPP proxy not installed)'],
    ['Edge pool size', String(topology.edgePoolSize)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n';
}

export const topologyCommands: CliCommand[] = [
  {
    words: ['topology', 'show'],
    usage: ['topology show                     Show the edge topology'],
    async run(context) {
      const topology = await call(context.core(), 'topology.get', {});
      if (topology) context.out(topology, formatTopology(topology));
      else context.out(null, 'No edge topology is set. Use: edgewiz topology set --file T.json\n');
      return EXIT_OK;
    },
  },
  {
    words: ['topology', 'set'],
    usage: ["topology set --file T.json        Replace the edge topology with the file's content"],
    options: { file: { type: 'string' } },
    async run(context, values) {
      const file = requireOption(values, 'file', 'topology set');
      const input = await readJsonFile(file);
      const saved = await call(context.core(), 'topology.set', { topology: input as never }).catch((error: unknown) => {
        throw issuesForFile(error, file, 'topology');
      });
      context.out(saved, `Edge topology saved.\n${formatTopology(saved)}`);
      return EXIT_OK;
    },
  },
];
