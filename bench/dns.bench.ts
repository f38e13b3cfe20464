import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { memoryCore } from '../test/support/core';
import { startDnsmasq } from '../test/support/dnsmasq';
import { formatResult, median, type BenchResult } from './harness';
import { startSlowDns } from './slow-dns';

/** `dns verify` of 100 XMPP domains against one, both through a resolver 20 ms away (real dnsmasq behind a delaying relay). */

const RUNS = 9;
const RTT_MS = 20;
const DOMAINS = Array.from({ length: 100 }, (_, i) => `partner${i}.example`);

const topology = (xmppDomains: string[]) => ({
  sipDomains: ['contoso.com'],
  accessEdgeFqdn: 'sip.contoso.com',
  internalEdgeFqdn: 'edge-int.contoso.local',
  xmppDomains,
});

export async function run(): Promise<BenchResult[]> {
  const dnsmasq = await startDnsmasq(
    [...DOMAINS.map((domain) => `srv-host=_xmpp-server._tcp.${domain},sip.contoso.com,5269,0,0`), 'host-record=sip.contoso.com,127.0.0.1'],
    ['example', 'contoso.com'],
  );
  const slow = await startSlowDns(dnsmasq.server, RTT_MS);
  const one = memoryCore();
  const hundred = memoryCore();
  try {
    await one.client.call('topology.set', { topology: topology(DOMAINS.slice(0, 1)) });
    await hundred.client.call('topology.set', { topology: topology(DOMAINS) });
    const verify = async (client: typeof one.client, count: number) => {
      const started = performance.now();
      const { records } = await client.call('dns.verify', { server: slow.server });
      const elapsed = performance.now() - started;
      const srvOk = records.filter((record) => record.type === 'SRV' && record.status === 'ok').length;
      if (srvOk !== count) throw new Error(`dns verify found ${srvOk} of ${count} SRV records`);
      return elapsed;
    };
    // Warm-up: JIT, the store's first read, the relay's sockets.
    for (let i = 0; i < 3; i++) {
      await verify(one.client, 1);
      await verify(hundred.client, 100);
    }
    const ones: number[] = [];
    const hundreds: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ones.push(await verify(one.client, 1));
      hundreds.push(await verify(hundred.client, 100));
    }
    return [
      {
        name: `dns verify: 100 domains over a ${RTT_MS} ms-RTT resolver (median of ${RUNS})`,
        value: median(hundreds),
        unit: 'ms',
        baseline: { name: `1 domain, same resolver (median of ${RUNS})`, value: median(ones) },
        target: 1.5,
        note: 'interleaved; real dnsmasq behind a relay that holds each answer',
      },
    ];
  } finally {
    one.close();
    hundred.close();
    await slow.close();
    await dnsmasq.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await run()) console.log(formatResult(result));
}
