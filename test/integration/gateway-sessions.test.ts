import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewaySession } from '../../shared/gateway/sessions';
import { openssl } from '../support/ca';
import { CHROMIUM, edgewizBin, screenshot, watchPageErrors } from '../e2e/support';
import { FederationLab, GATEWAY_DOMAIN, requireLabTools, type Peer } from '../support/federation-lab';

/**
 * `edgewiz gateway sessions` and `gateway disconnect` against a real, independent Prosody:
 * every column is checked against what the peer did and against the peer's own view of the
 * same streams (asked through its admin shell).
 */

const PARTNERS = [
  { domain: 'sasl.lab', tlsNegotiation: 'Required', saslNegotiation: 'Required', supportDialbackNegotiation: false },
  { domain: 'dialback.lab', tlsNegotiation: 'Required', saslNegotiation: 'NotSupported', supportDialbackNegotiation: true },
];

let lab: FederationLab;
let peer: Peer;

beforeAll(async () => {
  requireLabTools();
  lab = await FederationLab.start();
  await lab.startDns({ [GATEWAY_DOMAIN]: '127.0.0.10', 'sasl.lab': '127.0.0.20', 'dialback.lab': '127.0.0.20' });
  await lab.startGateway(PARTNERS);
  peer = await lab.startPeer('peer', '127.0.0.20', [
    { domain: 'sasl.lab', tls: true, dialback: true, sasl: true },
    { domain: 'dialback.lab', tls: true, dialback: true, sasl: false },
  ]);
}, 90_000);

afterAll(() => lab?.close());

async function sessions(): Promise<GatewaySession[]> {
  const result = await lab.must(lab.edgewiz('gateway', 'sessions', '--json'));
  return JSON.parse(result.stdout) as GatewaySession[];
}

const find = (list: GatewaySession[], remote: string, direction: 'incoming' | 'outgoing') =>
  list.find((s) => s.remoteDomain === remote && s.direction === direction);

/** The peer's own view of its streams with the gateway: direction, TLS protocol and cipher, per host. */
async function peerView(): Promise<{ host: string; direction: string; protocol: string; cipher: string }[]> {
  const lua = [
    '> local out = {}',
    'local function add(s, dir, host) local i = s.conn and s.conn:socket().info and s.conn:socket():info() or {}',
    'out[#out+1] = host.."|"..dir.."|"..tostring(i.protocol).."|"..tostring(i.cipher) end',
    'for s in pairs(prosody.incoming_s2s) do if s.to_host then add(s, "incoming", s.to_host) end end',
    'for name, h in pairs(prosody.hosts) do for _, s in pairs(h.s2sout or {}) do add(s, "outgoing", name) end end',
    'return "VIEW["..table.concat(out, ";").."]"',
  ].join(' ');
  const result = await lab.run('/usr/bin/prosodyctl', ['--config', peer.configFile, 'shell', lua], 10_000);
  const match = /VIEW\[([^\]]*)\]/.exec(result.stdout);
  if (!match) throw new Error(`peer view: ${result.stdout}${result.stderr}`);
  return match[1]
    .split(';')
    .filter(Boolean)
    .map((row) => {
      const [host, direction, protocol, cipher] = row.split('|');
      return { host, direction, protocol, cipher };
    });
}

/** notBefore / notAfter of a certificate file, as ISO times. */
function validity(file: string): { notBefore: string; notAfter: string } {
  const text = openssl(['x509', '-in', file, '-noout', '-startdate', '-enddate']);
  const field = (name: string) => new Date(new RegExp(`${name}=(.+)`).exec(text)![1].trim()).toISOString();
  return { notBefore: field('notBefore'), notAfter: field('notAfter') };
}

describe('live s2s sessions of the embedded gateway (real peer)', () => {
  it('lists both directions of a SASL EXTERNAL partner and a dialback partner, matching what the peer did', async () => {
    const before = Date.now();
    for (const from of ['sasl.lab', 'dialback.lab']) {
      const ping = await peer.ping(from);
      expect(ping.ok, `${ping.output}\n${lab.logs()}`).toBe(true);
    }
    // One more ping from sasl.lab: its counters must say two stanzas each way, dialback.lab's one.
    expect((await peer.ping('sasl.lab')).ok).toBe(true);

    const list = await sessions();
    const view = await peerView();
    for (const [remote, mechanism, pings] of [
      ['sasl.lab', 'EXTERNAL', 2],
      ['dialback.lab', 'dialback', 1],
    ] as const) {
      const incoming = find(list, remote, 'incoming');
      const outgoing = find(list, remote, 'outgoing');
      expect(incoming, JSON.stringify(list)).toBeDefined();
      expect(outgoing, JSON.stringify(list)).toBeDefined();
      for (const [session, peerDirection] of [
        [incoming!, 'outgoing'],
        [outgoing!, 'incoming'],
      ] as const) {
        expect(session.localDomain).toBe(GATEWAY_DOMAIN);
        const since = Date.parse(session.since!);
        expect(since).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
        expect(since).toBeLessThanOrEqual(Date.now());
        expect(session.authenticated).toBe(mechanism);
        // The peer negotiated the same TLS on its end of this stream.
        const theirs = view.find((row) => row.host === remote && row.direction === peerDirection);
        expect(theirs, JSON.stringify(view)).toBeDefined();
        expect(session.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
        expect(session.tls?.protocol).toBe(theirs!.protocol);
        expect(session.tls?.cipher).toBe(theirs!.cipher);
        expect(session.partner).toEqual({
          domain: remote,
          tls: 'Required',
          sasl: mechanism === 'EXTERNAL' ? 'Required' : 'NotSupported',
          dialback: mechanism === 'dialback',
        });
        expect(session.meetsPolicy).toBe(true);
      }
      // Each ping is one iq in on the peer's stream and one result out on ours.
      expect(incoming!.stanzasIn).toBe(pings);
      expect(incoming!.stanzasOut).toBe(0);
      expect(outgoing!.stanzasOut).toBe(pings);
      expect(outgoing!.stanzasIn).toBe(0);
    }
    // SASL EXTERNAL: the peer's certificate, as the lab CA issued it, on the stream it authenticated.
    const cert = find(list, 'sasl.lab', 'incoming')!.tls!.peerCertificate;
    expect(cert?.names).toEqual(['sasl.lab']);
    expect(cert?.chain).toBe('valid');
    expect(cert?.identity).toBe('valid');
    expect({ notBefore: cert?.notBefore, notAfter: cert?.notAfter }).toEqual(validity(join(lab.dir, 'sasl.lab.crt')));
  });

  it('prints the sessions for people too', async () => {
    const result = await lab.must(lab.edgewiz('gateway', 'sessions'));
    expect(result.stdout).toMatch(/^sasl\.lab\n/m);
    expect(result.stdout).toMatch(/Authenticated\s+SASL EXTERNAL/);
    expect(result.stdout).toMatch(/Authenticated\s+dialback/);
  });

  it('closes every session with one domain on disconnect, and the peer sees them closed', async () => {
    const result = await lab.must(lab.edgewiz('gateway', 'disconnect', 'sasl.lab', '--json'));
    expect(JSON.parse(result.stdout)).toEqual({ domain: 'sasl.lab', closed: 2 });
    await lab.waitFor(
      'sasl.lab streams gone from the gateway',
      async () => !(await sessions()).some((s) => s.remoteDomain === 'sasl.lab'),
      10_000,
    );
    await lab.waitFor('sasl.lab streams gone at the peer', async () => !(await peerView()).some((row) => row.host === 'sasl.lab'), 10_000);
    // The other partner is untouched.
    expect((await sessions()).filter((s) => s.remoteDomain === 'dialback.lab')).toHaveLength(2);
    const none = await lab.must(lab.edgewiz('gateway', 'disconnect', 'nobody.lab'));
    expect(none.stdout).toMatch(/No open session with nobody\.lab/);
  });
});

/** `edgewiz serve` inside the namespace (the gateway's pid file and s2s port live there), and its URL. */
function serveInside(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn('nsenter', lab.insideArgs(process.execPath, [edgewizBin, '--data-dir', lab.dataDir, 'serve', '--port', '0']), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`edgewiz serve printed no URL:\n${output}`));
    }, 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[0], child });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`edgewiz serve exited with ${code}:\n${output}`));
    });
  });
}

describe('the gateway pane lists the live sessions (Chromium, real peer)', () => {
  it('shows new sessions as they open and closes one with its button, in English and Korean', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install the Debian package "chromium".`);
    // Chromium joins the namespace's network only, so it reaches the loopback server there.
    const wrapper = join(lab.dir, 'chromium-inside');
    writeFileSync(wrapper, `#!/bin/sh\nexec nsenter ${lab.insideArgs(CHROMIUM, [], ['net']).join(' ')} "$@"\n`);
    chmodSync(wrapper, 0o755);
    const served = await serveInside();
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({
        executablePath: wrapper,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
      for (const [locale, colorScheme, paneLabel, closeName, closed] of [
        ['en-US', 'light', 'Gateway', 'Close the sessions with sasl.lab', 'Closed 2 sessions with sasl.lab.'],
        ['ko-KR', 'dark', '게이트웨이', 'sasl.lab과(와)의 세션 닫기', 'sasl.lab과(와)의 세션 2개를 닫았습니다.'],
      ] as const) {
        const page = await (await browser.newContext({ viewport: { width: 1400, height: 1100 }, locale, colorScheme })).newPage();
        const errors = watchPageErrors(page);
        await page.goto(served.url);
        await page.getByTestId('step-topology').waitFor();
        await page.getByRole('button', { name: paneLabel, exact: true }).click();
        await page.locator('[data-testid="gateway-state"][data-state="running"]').waitFor({ timeout: 20_000 });
        // Opened after the pane is up: the list must pick it up by itself.
        expect((await peer.ping('sasl.lab')).ok).toBe(true);
        const incoming = page.locator('[data-testid="gateway-session"][data-remote="sasl.lab"][data-direction="incoming"]');
        await incoming.waitFor({ timeout: 10_000 });
        await page
          .locator('[data-testid="gateway-session"][data-remote="sasl.lab"][data-direction="outgoing"]')
          .waitFor({ timeout: 10_000 });
        expect(await incoming.getByTestId('gateway-session-auth').textContent()).toContain('SASL EXTERNAL');
        await screenshot(page, `gateway-sessions-${locale}`);
        // Keyboard: focus the close button and press Enter.
        await incoming.getByRole('button', { name: closeName }).focus();
        await page.keyboard.press('Enter');
        await page.getByTestId('gateway-sessions-notice').filter({ hasText: closed }).waitFor({ timeout: 10_000 });
        await page
          .locator('[data-testid="gateway-session"][data-remote="sasl.lab"]')
          .first()
          .waitFor({ state: 'detached', timeout: 10_000 });
        expect(await page.locator('[data-testid="gateway-session"][data-remote="dialback.lab"]').count()).toBe(2);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    } finally {
      await browser?.close();
      served.child.kill('SIGKILL');
    }
  }, 90_000);
});
