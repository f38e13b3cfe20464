import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { edgewizBin } from '../e2e/support';
import { requireOpenssl, TestCa } from '../support/ca';
import { runEdgewiz, type CliRun } from '../support/cli';
import { profileInput } from '../support/certificates';
import { sampleTopology, tempDir } from '../support/core';

const DBUS_RUN_SESSION = '/usr/bin/dbus-run-session';
const GNOME_KEYRING = '/usr/bin/gnome-keyring-daemon';

/**
 * `edgewiz ARGS` in a desktop-like session: its own D-Bus and a GNOME Keyring (Secret Service)
 * unlocked with a test password, keeping its keyrings under `home`. Every call is a new session
 * with a new daemon, so what one command stored must come back from the keyring file.
 */
function inKeyringSession(home: string, args: string[]): Promise<CliRun> {
  const script = `printf keyring-password | ${GNOME_KEYRING} --unlock --components=secrets >/dev/null 2>&1; exec "$@"`;
  const child = spawn(DBUS_RUN_SESSION, ['--', 'sh', '-c', script, 'sh', process.execPath, edgewizBin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, '.local', 'share'), XDG_RUNTIME_DIR: home },
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, 60_000);
  return new Promise((resolve) =>
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      // dbus-daemon may warn about its fd limit in a container: that line is not ours.
      resolve({ code, signal, stdout, stderr: stderr.replace(/^dbus-daemon\[\d+\].*\n/gm, ''), timedOut });
    }),
  );
}

let ca: TestCa;
let work: string;
beforeAll(() => {
  requireOpenssl();
  for (const tool of [DBUS_RUN_SESSION, GNOME_KEYRING]) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: install the Debian packages "dbus" and "gnome-keyring" (.ci/run does).`);
  }
  work = tempDir('edgewiz-custody-');
  ca = new TestCa(work);
});

function inputs(): { topology: string; profile: string } {
  const topology = join(work, 'topology.json');
  writeFileSync(topology, JSON.stringify(sampleTopology));
  const profile = join(work, 'profile.json');
  writeFileSync(profile, JSON.stringify(profileInput({ request: { keySize: 2048 } })));
  return { topology, profile };
}

describe('one key custody per data dir, usable by every front end', () => {
  it(
    'keeps the master key in the OS keychain when one is reachable, and every later command opens it from there',
    { timeout: 300_000 },
    async () => {
      const home = tempDir('edgewiz-home-');
      const dataDir = join(home, 'data');
      const { topology, profile } = inputs();
      expect((await inKeyringSession(home, ['--data-dir', dataDir, 'topology', 'set', '--file', topology])).code).toBe(0);
      const csr = join(home, 'edge.req');
      const request = await inKeyringSession(home, ['--data-dir', dataDir, 'request', '--profile', profile, '--out', csr]);
      expect(request.code, request.stderr).toBe(0);
      expect(request.stderr).toBe('');
      const custody = JSON.parse(readFileSync(join(dataDir, 'custody.json'), 'utf8')) as {
        custody: string;
        service: string;
        account: string;
      };
      expect(custody).toMatchObject({ custody: 'keychain', service: 'Edge Wizard' });
      expect(existsSync(join(dataDir, 'master.key'))).toBe(false);

      const leaf = ca.sign(csr, 'custody-leaf');
      const bundle = join(home, 'issued.pem');
      writeFileSync(bundle, ca.pemBundle(leaf));
      const imported = await inKeyringSession(home, ['--data-dir', dataDir, '--json', 'import', '--file', bundle]);
      expect(imported.code, imported.stderr).toBe(0);
      const { id } = JSON.parse(imported.stdout) as { id: string };
      // Assign decrypts the key: a new process (and a new keyring daemon) finds the master key again.
      const assigned = await inKeyringSession(home, ['--data-dir', dataDir, 'assign', '--id', id]);
      expect(assigned.code, assigned.stderr).toBe(0);
      expect(existsSync(join(dataDir, 'gateway', 'tls', 'gateway.key'))).toBe(true);

      // Where that keychain cannot be reached, the command says so in one line and changes nothing.
      const elsewhere = await runEdgewiz(['--data-dir', dataDir, 'assign', '--id', id], {
        env: { HOME: home, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
      });
      expect(elsewhere.code).toBe(1);
      expect(elsewhere.stderr.trim().split('\n')).toEqual([
        expect.stringContaining(
          `are protected by a master key in the OS keychain (service "Edge Wizard", account "${custody.account}"), which cannot be read from here`,
        ),
      ]);
    },
  );

  it('falls back to a 0600 key file where no keychain exists, and says so once', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const { topology, profile } = inputs();
    const env = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
    expect((await runEdgewiz(['--data-dir', dataDir, 'topology', 'set', '--file', topology], { env })).code).toBe(0);
    const first = await runEdgewiz(['--data-dir', dataDir, 'request', '--profile', profile, '--out', join(tempDir(), 'a.req')], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`no OS keychain is reachable`);
    expect(first.stderr).toContain(`is kept in ${join(dataDir, 'master.key')}, readable only by you`);
    expect(JSON.parse(readFileSync(join(dataDir, 'custody.json'), 'utf8'))).toMatchObject({ custody: 'file' });
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    const second = await runEdgewiz(['--data-dir', dataDir, 'request', '--profile', profile, '--out', join(tempDir(), 'b.req')], { env });
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
  });

  it('refuses, in one line, a data dir whose keys only the desktop app can open', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'master.key.safe'), 'sealed by safeStorage', { mode: 0o600 });
    const { profile } = inputs();
    const run = await runEdgewiz(['--data-dir', dataDir, 'request', '--profile', profile, '--out', join(tempDir(), 'c.req')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('are protected by the Edge Wizard desktop app (Electron safeStorage)'),
    ]);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
  });
});
