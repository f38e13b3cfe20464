import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../test/support/core';
import { formatResult, median, type BenchResult } from './harness';
import { interleaved, type TimedProcess } from './process';

/**
 * Start-up of the CLI (`--help`, `--json list`) and of `edgewiz serve` until it listens, against
 * bare Node doing nothing / serving HTTP. All interleaved in the same run.
 */

const RUNS = 15;
const EDGEWIZ = join(import.meta.dirname, '..', 'bin', 'edgewiz.js');
const node = (...args: string[]): TimedProcess => ({ command: process.execPath, args });

export async function run(): Promise<BenchResult[]> {
  const dataDir = tempDir('edgewiz-bench-cli-');
  const env = { ...process.env, EDGEWIZ_DATA_DIR: dataDir };
  const listening = /127\.0\.0\.1:\d+/;
  const processes: TimedProcess[] = [
    node('-e', '0'),
    { ...node(EDGEWIZ, '--help'), env },
    { ...node(EDGEWIZ, '--json', 'list'), env },
    {
      ...node(
        '-e',
        "require('node:http').createServer().listen(0, '127.0.0.1', function () { console.log('127.0.0.1:' + this.address().port) })",
      ),
      ready: listening,
    },
    { ...node(EDGEWIZ, 'serve'), env, ready: listening },
  ];
  try {
    // Warm-up: the page cache, and the data dir's first open.
    await interleaved(processes, 1);
    const [bare, help, list, http, serve] = (await interleaved(processes, RUNS)).map(median);
    const note = `median of ${RUNS}, interleaved`;
    return [
      { name: 'cli: edgewiz --help', value: help, unit: 'ms', baseline: { name: 'node -e 0', value: bare }, target: 2, note },
      { name: 'cli: edgewiz --json list', value: list, unit: 'ms', baseline: { name: 'node -e 0', value: bare }, target: 2, note },
      {
        name: 'serve: start to listening',
        value: serve,
        unit: 'ms',
        baseline: { name: 'bare node HTTP server, start to listening', value: http },
        target: 1.5,
        note,
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await run()) console.log(formatResult(result));
}
