import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { memoryCore, sampleTopology } from '../test/support/core';
import { formatResult, median, type BenchResult } from './harness';

/**
 * What one small read costs through the RPC as the store grows: `settings.get` and
 * `wizard.steps` on a store with 1 partner against one with 5,000, interleaved.
 */

const RUNS = 41;
const LARGE = 5000;
/** partners.import takes at most this many per call. */
const BATCH = 1000;

async function withPartners(count: number) {
  const core = memoryCore();
  await core.client.call('topology.set', { topology: sampleTopology });
  for (let start = 0; start < count; start += BATCH) {
    const partners = Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => ({
      domain: `partner${start + i}.example`,
      description: 'Federated partner with a description of ordinary length',
    }));
    await core.client.call('partners.import', { partners });
  }
  const stored = (await core.client.call('partners.list', {})).length;
  if (stored !== count) throw new Error(`expected ${count} partners, the store holds ${stored}`);
  return core;
}

export async function run(): Promise<BenchResult[]> {
  const small = await withPartners(1);
  const large = await withPartners(LARGE);
  try {
    const results: BenchResult[] = [];
    for (const method of ['settings.get', 'wizard.steps'] as const) {
      const time = async (core: typeof small) => {
        const started = performance.now();
        await core.client.call(method, {});
        return performance.now() - started;
      };
      // Warm-up: JIT and the first read of each store.
      for (let i = 0; i < 5; i++) {
        await time(small);
        await time(large);
      }
      const smallTimes: number[] = [];
      const largeTimes: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        smallTimes.push(await time(small));
        largeTimes.push(await time(large));
      }
      results.push({
        name: `store: ${method} over RPC with ${LARGE.toLocaleString('en')} partners (median of ${RUNS})`,
        value: median(largeTimes),
        unit: 'ms',
        baseline: { name: `with 1 partner (median of ${RUNS})`, value: median(smallTimes) },
        target: 2,
        note: "interleaved; in-memory transport, so the time is the core's own",
      });
    }
    return results;
  } finally {
    small.close();
    large.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await run()) console.log(formatResult(result));
}
