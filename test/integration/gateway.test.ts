import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../shared/gateway/types';
import { isPortOpen, probeXmppServer } from '../../electron/xmpp/probe';
import { edgewizBin } from '../e2e/support';
import { memoryCore, sampleTopology, tempDir } from '../support/core';
import { freePort, killGateway, opensslFingerprint, requireProsody, writeTestGatewayTls } from '../support/gateway';

const used: string[] = [];
const closers: (() => Promise<void> | void)[] = [];

beforeAll(requireProsody);
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of used.splice(0)) killGateway(dir);
});

/** A core on a fresh data dir with a topology and the gateway on a free loopback port. */
async function gatewayCore(options: { tls?: boolean } = {}) {
  const harness = memoryCore();
  used.push(harness.dataDir);
  closers.push(async () => {
    await harness.core.dispose();
    harness.close();
  });
  const port = await freePort();
  await harness.client.call('topology.set', { topology: sampleTopology });
  await harness.client.call('gateway.settings.set', { s2sPort: port, interfaces: ['127.0.0.1'] });
  const tls = options.tls ? writeTestGatewayTls(harness.dataDir, 'contoso.com') : null;
  const states: GatewayStatus[] = [];
  harness.client.on('gateway.state', (status) => states.push(status));
  return { ...harness, port, tls, states };
}

function waitFor<T>(read: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = read();
      if (value !== undefined) return resolve(value);
      if (Date.now() > deadline) return reject(new Error(`not within ${timeoutMs} ms`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

describe('gateway service manager with the real Prosody', () => {
  it('starts: the probe sees stream features; the config has a VirtualHost per XMPP domain', async () => {
    const { client, dataDir, port } = await gatewayCore();
    const started = await client.call('gateway.start', {});
    expect(started).toMatchObject({ driver: 'prosody', state: 'running', port });
    expect(started.pid).toBeGreaterThan(0);
    expect(started.probe?.ok).toBe(true);
    expect(started.probe?.features).toMatchObject({ dialback: true, starttls: false });
    expect(started.tls.configured).toBe(false);
    expect(started.tls.message).toMatch(/without TLS/);

    const config = readFileSync(join(dataDir, 'gateway', 'prosody.cfg.lua'), 'utf8');
    expect(config).toContain('VirtualHost "contoso.com"');
    expect(config).toContain(`s2s_ports = { ${port} }`);
    expect(config).toContain(`pidfile = "${join(dataDir, 'gateway', 'prosody.pid')}"`);
    expect(readFileSync(join(dataDir, 'gateway', 'prosody.pid'), 'utf8').trim()).toBe(String(started.pid));

    const probe = await probeXmppServer({ host: '127.0.0.1', port, domain: 'contoso.com' });
    expect(probe.ok).toBe(true);
    const unknown = await probeXmppServer({ host: '127.0.0.1', port, domain: 'not-served.example' });
    expect(unknown.streamError).toMatch(/^host-unknown/);

    const { lines } = await client.call('gateway.logs', { lines: 50 });
    expect(lines.join('\n')).toContain(`Activated service 's2s' on [127.0.0.1]:${port}`);
    await client.call('gateway.stop', {});
  });

  it('restarts with a new pid and a passing probe; two restarts at once run one after the other', async () => {
    const { client, states } = await gatewayCore();
    const first = await client.call('gateway.start', {});
    const second = await client.call('gateway.restart', {});
    expect(second.state).toBe('running');
    expect(second.pid).not.toBe(first.pid);
    expect(second.probe?.ok).toBe(true);

    states.length = 0;
    const [a, b] = await Promise.all([client.call('gateway.restart', {}), client.call('gateway.restart', {})]);
    expect(a.state).toBe('running');
    expect(b.state).toBe('running');
    expect(new Set([second.pid, a.pid, b.pid]).size).toBe(3);
    // Serialized: each restart's stop → start completes before the next begins.
    const changes = states.map((s) => s.state).filter((state, i, all) => state !== all[i - 1]);
    const sequence = changes.slice(changes.indexOf('stopping'));
    expect(sequence).toEqual(['stopping', 'stopped', 'starting', 'running', 'stopping', 'stopped', 'starting', 'running']);
    await client.call('gateway.stop', {});
  });

  it('reports kill -9 of Prosody as crashed within 2 s, with the exit signal and the log tail', async () => {
    const { client, states } = await gatewayCore();
    const { pid } = await client.call('gateway.start', {});
    const killedAt = Date.now();
    process.kill(pid!, 'SIGKILL');
    const crashed = await waitFor(() => states.find((s) => s.state === 'crashed'), 2000);
    expect(Date.now() - killedAt).toBeLessThan(2000);
    expect(crashed.signal).toBe('SIGKILL');
    expect(crashed.message).toMatch(/exited unexpectedly/);
    expect(crashed.logTail?.length).toBeGreaterThan(0);
    // Start (and Restart) work from crashed.
    expect((await client.call('gateway.start', {})).state).toBe('running');
    await client.call('gateway.stop', {});
  });

  it('stops: SIGTERM, the port closes and the pidfile goes', async () => {
    const { client, port, dataDir } = await gatewayCore();
    await client.call('gateway.start', {});
    expect(await isPortOpen('127.0.0.1', port)).toBe(true);
    const stopped = await client.call('gateway.stop', {});
    expect(stopped).toMatchObject({ state: 'stopped', pid: null });
    expect(await isPortOpen('127.0.0.1', port)).toBe(false);
    expect(() => readFileSync(join(dataDir, 'gateway', 'prosody.pid'))).toThrow();
    expect(readFileSync(join(dataDir, 'gateway', 'prosody.log'), 'utf8')).toMatch(/Received SIGTERM/);
  });

  it('serves exactly the certificate in gateway/tls over STARTTLS', async () => {
    const { client, port, tls } = await gatewayCore({ tls: true });
    const started = await client.call('gateway.start', {});
    expect(started.tls.configured).toBe(true);
    expect(started.probe?.features?.starttls).toBe(true);
    const probe = await probeXmppServer({ host: '127.0.0.1', port, domain: 'contoso.com', starttls: true });
    expect(probe.ok).toBe(true);
    expect(probe.tls?.certificate?.sans).toEqual(['contoso.com']);
    expect(probe.tls?.certificate?.fingerprint256).toBe(opensslFingerprint(tls!.certificate));
    expect(started.probe?.tls?.certificate?.fingerprint256).toBe(opensslFingerprint(tls!.certificate));
    await client.call('gateway.stop', {});
  });

  it('says not-installed, with install guidance, when there is no prosody', async () => {
    const { core } = await gatewayCore();
    const { GatewayService } = await import('../../electron/gateway/gateway-service');
    const service = new GatewayService(
      { dataDir: core.dataDir, store: core.store, log: () => {}, publish: () => {} },
      { live: false, prosodyBinary: null },
    );
    const status = await service.status();
    expect(status.state).toBe('not-installed');
    expect(status.message).toMatch(/apt install prosody/);
    await expect(service.start()).rejects.toThrow(/Prosody is not installed/);
  });
});

describe('edgewiz gateway (the built CLI, as a process)', () => {
  const edgewiz = (dataDir: string, args: string[]) => {
    const result = spawnSync(process.execPath, [edgewizBin, '--data-dir', dataDir, ...args], { encoding: 'utf8', timeout: 30_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('start leaves Prosody running detached; a later status finds it through the pidfile; stop stops it', async () => {
    const dataDir = tempDir();
    used.push(dataDir);
    const port = await freePort();
    const topologyFile = join(dataDir, 'T.json');
    (await import('node:fs')).writeFileSync(topologyFile, JSON.stringify(sampleTopology));
    expect(edgewiz(dataDir, ['topology', 'set', '--file', topologyFile]).code).toBe(0);
    expect(edgewiz(dataDir, ['gateway', 'configure', '--port', String(port), '--listen', '127.0.0.1']).code).toBe(0);
    expect(edgewiz(dataDir, ['gateway', 'configure', '--port', '70000']).code).toBe(2);

    const start = edgewiz(dataDir, ['--json', 'gateway', 'start']);
    expect(start.code, start.stderr).toBe(0);
    const started = JSON.parse(start.stdout);
    expect(Object.keys(started).sort()).toEqual(['driver', 'pid', 'port', 'probe', 'since', 'state']);
    expect(started).toMatchObject({ driver: 'prosody', state: 'running', port });

    const status = JSON.parse(edgewiz(dataDir, ['--json', 'gateway', 'status']).stdout);
    expect(status).toMatchObject({ state: 'running', pid: started.pid, port });
    expect(status.probe.ok).toBe(true);
    expect(await isPortOpen('127.0.0.1', port)).toBe(true);

    const human = edgewiz(dataDir, ['gateway', 'status']);
    expect(human.stdout).toMatch(/State\s+running/);

    const stop = edgewiz(dataDir, ['--json', 'gateway', 'stop']);
    expect(stop.code, stop.stderr).toBe(0);
    expect(JSON.parse(stop.stdout)).toMatchObject({ state: 'stopped', pid: null });
    expect(await isPortOpen('127.0.0.1', port)).toBe(false);
  });
});
