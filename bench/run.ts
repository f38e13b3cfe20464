import { join } from 'node:path';
import { formatResult, type BenchResult } from './harness';
import { errorMessage } from '../shared/errors';

// Each bench module exports run(); they run one after another so they do not disturb each other.
const modules = [
  'cli.bench.ts',
  'renderer.bench.ts',
  'dns.bench.ts',
  'csr.bench.ts',
  'gateway.bench.ts',
  'federation.bench.ts',
  'pfx.bench.ts',
  'store.bench.ts',
  'store-rpc.bench.ts',
];

// `tsx bench/run.ts renderer dns` runs only the benches named.
const only = process.argv.slice(2);
const chosen = only.length ? modules.filter((file) => only.includes(file.replace('.bench.ts', ''))) : modules;
if (only.length && chosen.length !== only.length)
  throw new Error(`Unknown bench among ${only.join(', ')}; there are ${modules.join(', ')}`);

let failed = false;
for (const file of chosen) {
  const { run } = (await import(join(import.meta.dirname, file))) as { run: () => Promise<BenchResult[]> };
  console.log(`# ${file.replace('.bench.ts', '')}`);
  try {
    for (const result of await run()) console.log(formatResult(result));
  } catch (error) {
    failed = true;
    console.error(`${file} failed: ${errorMessage(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
