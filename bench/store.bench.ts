import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppStore } from '../electron/store/app-store';
import { confBacking } from '../electron/store/conf-backing';
import { partnerInputSchema } from '../shared/partners/partner';
import { median, type BenchResult } from './harness';

/**
 * Reading one small key of the store with 5,000 partners in it, against the same read with one
 * partner: the parsed file is reused until it changes on disk, so the list's size must not show.
 */

const READS = 2000;
const RUNS = 9;

function storeWith(partners: number): { store: AppStore; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'edgewiz-bench-store-'));
  const store = new AppStore(dir, confBacking);
  store.set(
    'partners',
    Array.from({ length: partners }, (_, i) =>
      partnerInputSchema.parse({
        domain: `partner${i}.example`,
        description: `Partner number ${i}`,
        additionalDomains: [`chat.partner${i}.example`],
      }),
    ),
  );
  return { store, dir };
}

/** Microseconds per read of a small key, one batch. */
function batch(store: AppStore): number {
  const start = performance.now();
  for (let i = 0; i < READS; i++) store.get('settings');
  return ((performance.now() - start) / READS) * 1000;
}

export function run(): Promise<BenchResult[]> {
  const small = storeWith(1);
  const large = storeWith(5000);
  try {
    // Warmed up, then interleaved, so load on the machine and the JIT weigh on both alike.
    batch(small.store);
    batch(large.store);
    const smallTimes: number[] = [];
    const largeTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      largeTimes.push(batch(large.store));
      smallTimes.push(batch(small.store));
    }
    return Promise.resolve([
      {
        name: 'store read of one key, 5,000 partners',
        value: median(largeTimes),
        unit: 'µs',
        baseline: { name: '1 partner', value: median(smallTimes) },
        target: 1.5,
        note: `median of ${RUNS} × ${READS} reads`,
      },
    ]);
  } finally {
    rmSync(small.dir, { recursive: true, force: true });
    rmSync(large.dir, { recursive: true, force: true });
  }
}
