import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { isPortOpen } from '../electron/xmpp/probe';
import { GatewayService } from '../electron/gateway/gateway-service';
import { AppStore } from '../electron/store/app-store';
import { confBacking } from '../electron/store/conf-backing';
import { topologySchema } from '../shared/domain/topology';
import { formatResult, median, type BenchResult } from './harness';

/**
 * Restart-to-healthy through the gateway service (SIGTERM, wait for exit, new config, spawn,
 * probe until stream features) against Prosody's own start-to-listening time: the same config
 * spawned directly and polled with bare TCP connects. Interleaved, in the same run.
 */

const PROSODY = '/usr/bin/prosody';
const RUNS = 20;
/** Every wait of the bench is bounded: a Prosody that does not listen or stop in time is killed. */
const START_BOUND_MS = 20_000;
const STOP_BOUND_MS = 5000;

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Spawn Prosody with a config and time until its port accepts a connection, then stop it (SIGTERM, then SIGKILL). */
async function bareStartToListening(config: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(PROSODY, ['-F', '--config', config], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    while (!(await isPortOpen('127.0.0.1', port, 200))) {
      if (child.exitCode !== null) throw new Error(`prosody exited with ${child.exitCode}`);
      if (performance.now() - started > START_BOUND_MS) throw new Error(`prosody did not listen within ${START_BOUND_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_BOUND_MS)),
    ]);
    if (!stopped) {
      child.kill('SIGKILL');
      await exited;
    }
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'edgewiz-bench-gateway-'));
  const store = new AppStore(dir, confBacking);
  const port = await freePort();
  store.set(
    'topology',
    topologySchema.parse({
      sipDomains: ['contoso.com'],
      accessEdgeFqdn: 'sip.contoso.com',
      internalEdgeFqdn: 'edge-int.contoso.local',
      xmppDomains: ['contoso.com'],
      edgePoolSize: 1,
    }),
  );
  store.set('gateway', { ...store.get('gateway'), s2sPort: port, interfaces: ['127.0.0.1'] });
  const gateway = new GatewayService(
    { dataDir: dir, store, log: () => {}, publish: () => {} },
    { live: true, prosodyBinary: PROSODY, startTimeoutMs: START_BOUND_MS, stopTimeoutMs: STOP_BOUND_MS },
  );
  try {
    await gateway.start();
    const restarts: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const status = await gateway.restart();
      if (status.state !== 'running' || !status.probe?.ok) throw new Error(`restart ${i} ended ${status.state}`);
      restarts.push(performance.now() - started);

      await gateway.stop();
      bare.push(await bareStartToListening(gateway.paths.config, port));
      await gateway.start();
    }
    const note = `${RUNS} runs each, interleaved; restarts ${restarts.map((v) => v.toFixed(0)).join('/')} ms, bare ${bare.map((v) => v.toFixed(0)).join('/')} ms`;
    return [
      {
        name: 'gateway: restart to healthy (stop, start, stream features) (median)',
        value: median(restarts),
        unit: 'ms',
        baseline: { name: 'prosody start to listening, spawned bare (median)', value: median(bare) },
        target: 1.3,
        note,
      },
      {
        name: 'gateway: slowest restart to healthy',
        value: Math.max(...restarts),
        unit: 'ms',
        baseline: { name: 'median restart to healthy', value: median(restarts) },
        target: 3,
        note: `no run above 3× the median over ${RUNS} runs`,
      },
    ];
  } finally {
    await gateway.stop().catch(() => undefined);
    gateway.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await run()) console.log(formatResult(result));
}
