import { join } from 'node:path';
import { formatResult, type BenchResult } from './harness';

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

let failed = false;
for (const file of modules) {
  const { run } = (await import(join(import.meta.dirname, file))) as { run: () => Promise<BenchResult[]> };
  console.log(`# ${file.replace('.bench.ts', '')}`);
  try {
    for (const result of await run()) console.log(formatResult(result));
  } catch (error) {
    failed = true;
    console.error(`${file} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
