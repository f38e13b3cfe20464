import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatResult, median, type BenchResult } from './harness';

/**
 * The allow-list module's partner check (its route/remote hook) with 5,000 partners against
 * the same check with one, in Prosody's own Lua: the set is built at load, so a check must not
 * grow with the list. Interleaved runs, medians.
 */

const LUA = '/usr/bin/lua5.4';
const MODULE = join(import.meta.dirname, '..', 'electron', 'partners', 'prosody', 'mod_edgewiz_partners.lua');
const SCRIPT = join(import.meta.dirname, 'allowlist-check.lua');
const ITERATIONS = 1_000_000;
const RUNS = 5;

function nsPerCheck(partners: number): number {
  const result = spawnSync(LUA, [SCRIPT, MODULE, String(partners), String(ITERATIONS)], {
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${LUA} ${SCRIPT} failed (${result.status ?? result.signal}): ${result.stderr}`);
  return Number(result.stdout.trim());
}

export async function run(): Promise<BenchResult[]> {
  const one: number[] = [];
  const many: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    one.push(nsPerCheck(1));
    many.push(nsPerCheck(5000));
  }
  return [
    {
      name: 'allow-list: partner check with 5,000 partners (median)',
      value: median(many),
      unit: 'ns',
      baseline: { name: 'the same check with 1 partner (median)', value: median(one) },
      target: 2,
      note: `${RUNS} runs × ${ITERATIONS.toLocaleString('en')} checks each, interleaved, in ${LUA}`,
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await run()) console.log(formatResult(result));
}
