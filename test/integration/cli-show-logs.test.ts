import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openssl, requireOpenssl, TestCa } from '../support/ca';
import { runEdgewiz } from '../support/cli';
import { profileInput } from '../support/certificates';
import { sampleTopology, tempDir } from '../support/core';
import { edgewizBin } from '../e2e/support';
import { freePort, killGateway, requireProsody } from '../support/gateway';

let work: string;
let ca: TestCa;
const gateways: string[] = [];
const children: (() => void)[] = [];

beforeAll(() => {
  requireOpenssl();
  requireProsody();
  work = tempDir('edgewiz-show-');
  ca = new TestCa(work);
});
afterEach(() => {
  for (const kill of children.splice(0)) kill();
  for (const dir of gateways.splice(0)) killGateway(dir);
});

async function edgewiz(dataDir: string, args: string[], input?: string) {
  return runEdgewiz(['--data-dir', dataDir, ...args], { timeoutMs: 45_000, input });
}

async function withTopology(): Promise<string> {
  const dataDir = tempDir();
  const file = join(work, `topology-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(sampleTopology));
  const run = await edgewiz(dataDir, ['topology', 'set', '--file', file]);
  expect(run.code, run.stderr).toBe(0);
  return dataDir;
}

describe('certificates show (the built CLI, as a process)', () => {
  it('prints a pending request and then its certificate as PEM that openssl reads, under the noun and by the old verb', async () => {
    const dataDir = await withTopology();
    const profile = join(work, 'profile.json');
    writeFileSync(profile, JSON.stringify(profileInput({ request: { keySize: 2048 } })));
    const csr = join(tempDir(), 'edge.req');
    const request = await edgewiz(dataDir, ['--json', 'certificates', 'request', '--profile', profile, '--out', csr]);
    expect(request.code, request.stderr).toBe(0);
    const { id } = JSON.parse(request.stdout) as { id: string };

    const pending = await edgewiz(dataDir, ['certificates', 'show', '--id', id, '--pem']);
    expect(pending.code, pending.stderr).toBe(0);
    expect(pending.stdout).toBe(readFileSync(csr, 'utf8').trimEnd() + '\n');
    // openssl checks the request's own signature and prints its subject.
    const verified = openssl(['req', '-verify', '-noout', '-subject'], pending.stdout);
    expect(verified).toMatch(/verif(y OK|ication OK)/i);
    expect(verified).toContain('CN = sip.contoso.com');

    const pendingHuman = await edgewiz(dataDir, ['show', '--id', id]);
    expect(pendingHuman.code, pendingHuman.stderr).toBe(0);
    expect(pendingHuman.stdout).toContain(`${id}  externalEdge  pending`);
    expect(pendingHuman.stdout).toContain(`Request     ${csr}`);

    const leaf = ca.sign(csr, `show-${Date.now()}`);
    const bundle = join(work, 'issued.pem');
    writeFileSync(bundle, [leaf, ca.intCert, ca.rootCert].map((file) => readFileSync(file, 'utf8')).join(''));
    const imported = await edgewiz(dataDir, ['--json', 'import', '--file', bundle]);
    expect(imported.code, imported.stderr).toBe(0);
    const { sha256 } = JSON.parse(imported.stdout) as { sha256: string };

    const shown = await edgewiz(dataDir, ['show', '--id', id, '--pem']);
    expect(shown.code, shown.stderr).toBe(0);
    const blocks = shown.stdout.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];
    expect(blocks.join('')).toBe(shown.stdout);
    expect(blocks).toHaveLength(3);
    // The first block is the issued certificate itself, then its chain up to the root.
    const fingerprint = openssl(['x509', '-noout', '-fingerprint', '-sha256'], blocks[0]);
    expect(fingerprint.trim().split('=')[1].replace(/:/g, '')).toBe(sha256);
    expect(openssl(['x509', '-noout', '-subject'], blocks[1])).toContain('Test Issuing CA 1');
    expect(openssl(['x509', '-noout', '-subject'], blocks[2])).toContain('Test Root CA');
    expect(openssl(['verify', '-CAfile', ca.rootCert, '-untrusted', ca.intCert, '-purpose', 'sslserver'], blocks[0])).toContain('OK');

    const json = await edgewiz(dataDir, ['--json', 'certificates', 'show', '--id', id]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ id, state: 'issued', sha256, gatewayFiles: null, findings: [] });
    const pemJson = await edgewiz(dataDir, ['--json', 'show', '--id', id, '--pem']);
    expect(JSON.parse(pemJson.stdout)).toEqual({ id, pem: shown.stdout });

    // Both names of the list answer the same.
    const listed = await edgewiz(dataDir, ['--json', 'certificates', 'list']);
    expect(listed.stdout).toBe((await edgewiz(dataDir, ['--json', 'list'])).stdout);
  });

  it('refuses an unknown id with exit 1 and one line, and a missing --id as usage', async () => {
    const dataDir = await withTopology();
    const unknown = await edgewiz(dataDir, ['--json', 'certificates', 'show', '--id', 'no-such-id', '--pem']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).error.code).toBeTruthy();
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect((await edgewiz(dataDir, ['certificates', 'show'])).code).toBe(2);
  });
});

/** A data dir whose embedded gateway runs on a free loopback port, stopped after the test. */
async function startedGateway(): Promise<string> {
  const dataDir = await withTopology();
  gateways.push(dataDir);
  const port = await freePort();
  expect((await edgewiz(dataDir, ['gateway', 'configure', '--port', String(port), '--listen', '127.0.0.1'])).code).toBe(0);
  const start = await edgewiz(dataDir, ['gateway', 'start']);
  expect(start.code, start.stderr).toBe(0);
  return dataDir;
}

describe('gateway logs (the built CLI, with the real Prosody)', () => {
  it('prints the last lines of the log file the gateway writes, bounded by --lines, also as JSON', async () => {
    const dataDir = await startedGateway();
    const reload = await edgewiz(dataDir, ['gateway', 'reload']);
    expect(reload.code, reload.stderr).toBe(0);

    const logFile = join(dataDir, 'gateway', 'prosody.log');
    const all = await edgewiz(dataDir, ['--json', 'gateway', 'logs', '--lines', '5000']);
    expect(all.code, all.stderr).toBe(0);
    const { lines } = JSON.parse(all.stdout) as { lines: string[] };
    // Nothing is written between the reload's confirmation and this read: the whole file, line by line.
    expect(lines).toEqual(readFileSync(logFile, 'utf8').trimEnd().split('\n'));
    expect(lines[0]).toMatch(/^Edge Wizard: starting Prosody \(/);
    expect(lines.some((line) => line.includes('Federation partner policy applied to open streams'))).toBe(true);

    const three = await edgewiz(dataDir, ['gateway', 'logs', '--lines', '3']);
    expect(three.code, three.stderr).toBe(0);
    expect(three.stdout).toBe(lines.slice(-3).join('\n') + '\n');
    const byDefault = await edgewiz(dataDir, ['--json', 'gateway', 'logs']);
    expect(JSON.parse(byDefault.stdout).lines).toEqual(lines.slice(-200));

    const tooMany = await edgewiz(dataDir, ['--json', 'gateway', 'logs', '--lines', '5001']);
    expect(tooMany.code).toBe(1);
    expect(JSON.parse(tooMany.stdout).error.code).toBe('invalid-arguments');
    expect((await edgewiz(dataDir, ['gateway', 'logs', '--lines', 'all'])).code).toBe(2);

    expect((await edgewiz(dataDir, ['gateway', 'stop'])).code).toBe(0);
  });

  it('--follow prints the new lines as the gateway writes them, one JSON object per batch, until SIGINT', async () => {
    const dataDir = await startedGateway();

    const over = await edgewiz(dataDir, ['--json', 'gateway', 'logs', '--follow', '--lines', '5001']);
    expect(over.code).toBe(1);
    expect(JSON.parse(over.stdout).error.code).toBe('invalid-arguments');

    const child = spawn(process.execPath, [edgewizBin, '--data-dir', dataDir, '--json', 'gateway', 'logs', '--follow', '--lines', '1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    children.push(() => {
      clearTimeout(killer);
      child.kill('SIGKILL');
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    const until = async (done: () => boolean, what: string) => {
      const deadline = Date.now() + 20_000;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`${what} did not happen within 20 s; stdout: ${stdout}; stderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const batches = () =>
      stdout
        .split('\n')
        .filter((line) => line.endsWith('}'))
        .map((line) => JSON.parse(line) as { lines: string[] });

    await until(() => batches().length >= 1, 'the first batch (the tail)');
    expect(batches()[0].lines).toHaveLength(1);
    const reload = await edgewiz(dataDir, ['gateway', 'reload']);
    expect(reload.code, reload.stderr).toBe(0);
    await until(
      () => batches().some((batch) => batch.lines.some((line) => line.includes('Federation partner policy applied to open streams'))),
      'the reload confirmation',
    );
    child.kill('SIGINT');
    expect(await closed).toBe(0);
    expect(stderr).toBe('');
    // What it printed is one stretch of the file: the tail line, then every line after it once.
    const printed = batches().flatMap((batch) => batch.lines);
    const file = readFileSync(join(dataDir, 'gateway', 'prosody.log'), 'utf8')
      .trimEnd()
      .split('\n');
    const from = file.indexOf(printed[0]);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(printed).toEqual(file.slice(from, from + printed.length));

    const stopped = await edgewiz(dataDir, ['gateway', 'stop']);
    expect(stopped.code, stopped.stderr).toBe(0);
  });

  it('--follow refuses a gateway that is not the embedded one, and says how to follow its journal', async () => {
    const dataDir = await withTopology();
    expect((await edgewiz(dataDir, ['gateway', 'configure', '--driver', 'systemd', '--unit', 'edge-xmpp.service'])).code).toBe(0);
    const run = await edgewiz(dataDir, ['gateway', 'logs', '--follow']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('journalctl -f --unit edge-xmpp.service');
  });
});
