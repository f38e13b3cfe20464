import { describe, expect, it } from 'vitest';
import { DAY_MS, renewalBackoffMs, renewalStart, type AcmeStatus } from '../../shared/acme/acme';
import { acmeMessages, renderProblem } from '../../shared/acme/messages';
import { nsupdateScript, parseServer, zoneFor } from '../../electron/nsupdate/nsupdate';
import { caProblem } from '../../electron/acme/acme-service';
import { AcmeError } from '../../shared/acme/errors';
import { rolloverRecheckMs, startRenewalScheduler, trayRenewal } from '../../electron/acme/renewal-scheduler';
import { buildTrayMenu } from '../../electron/gateway/tray-menu';
import { gatewayMessages } from '../../renderer/src/gateway/messages';
import { addMessages, translator } from '../../renderer/src/i18n/translate';

// The tray shows the gateway feature's strings, which the desktop shell adds to the catalogs.
addMessages(gatewayMessages);

describe('renewal window', () => {
  const from = new Date('2026-01-01T00:00:00Z');
  it('starts when a third of the lifetime remains on short certificates, 30 days before expiry on long ones', () => {
    // 90 days: a third is 30 days.
    expect(renewalStart(from, new Date(from.getTime() + 90 * DAY_MS))).toEqual(new Date(from.getTime() + 60 * DAY_MS));
    // 6 days: 2 days before expiry (30 days would make it due at once, for ever).
    expect(renewalStart(from, new Date(from.getTime() + 6 * DAY_MS))).toEqual(new Date(from.getTime() + 4 * DAY_MS));
    // A year: 30 days before expiry.
    expect(renewalStart(from, new Date(from.getTime() + 365 * DAY_MS))).toEqual(new Date(from.getTime() + 335 * DAY_MS));
    // The admin's --renew-days wins.
    expect(renewalStart(from, new Date(from.getTime() + 365 * DAY_MS), 100)).toEqual(new Date(from.getTime() + 265 * DAY_MS));
  });

  it('backs off 1 h, 2 h, 4 h … up to a day between failed attempts', () => {
    expect([1, 2, 3, 4, 10].map((failures) => renewalBackoffMs(failures) / 3_600_000)).toEqual([1, 2, 4, 8, 24]);
  });
});

describe('dns-01 updates', () => {
  const dns = { server: '127.0.0.1:5353', tsigKeyFile: '/etc/bind/update.key', zones: ['contoso.com', 'sub.contoso.com'] };
  it('names the longest zone that holds the name and writes one TXT add or delete', () => {
    expect(zoneFor('sip.sub.contoso.com', dns.zones)).toBe('sub.contoso.com');
    expect(zoneFor('contoso.com', dns.zones)).toBe('contoso.com');
    expect(zoneFor('x.fabrikam.com', [])).toBeNull();
    expect(nsupdateScript(dns, 'sip.contoso.com', 'abc', 'add')).toBe(
      'server 127.0.0.1 5353\nzone contoso.com.\nupdate add _acme-challenge.sip.contoso.com. 60 IN TXT "abc"\nsend\n',
    );
    expect(nsupdateScript(dns, 'sip.contoso.com', 'abc', 'delete')).toContain('update delete _acme-challenge.sip.contoso.com. TXT "abc"');
  });

  it('refuses a name outside every zone and a server that is not HOST:PORT, with codes and parameters', () => {
    expect(() => zoneFor('sip.fabrikam.com', dns.zones)).toThrow(AcmeError);
    try {
      zoneFor('sip.fabrikam.com', dns.zones);
    } catch (error) {
      expect((error as AcmeError).problem).toEqual({
        code: 'acme.no-zone',
        params: { name: 'sip.fabrikam.com', zones: 'contoso.com, sub.contoso.com' },
      });
    }
    expect(parseServer('[::1]:53')).toEqual({ host: '::1', port: 53 });
    expect(parseServer('ns1.contoso.com')).toEqual({ host: 'ns1.contoso.com', port: 53 });
    expect(() => parseServer('a:b:c')).toThrow(/is not HOST:PORT/);
  });
});

describe('CA failures', () => {
  const directory = 'https://acme.example/dir';
  it("names a rate limit, an untrusted TLS certificate and an unreachable directory; keeps the CA's own words otherwise", () => {
    expect(
      caProblem(new Error('Error creating new order :: too many certificates already issued for "contoso.com"'), directory).problem,
    ).toEqual({
      code: 'acme.rate-limited',
      params: { detail: 'Error creating new order :: too many certificates already issued for "contoso.com".' },
    });
    expect(
      caProblem(Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), directory)
        .message,
    ).toBe(
      'The ACME server https://acme.example/dir presented a TLS certificate this computer does not trust (SELF_SIGNED_CERT_IN_CHAIN). Give its CA with --ca-file.',
    );
    expect(caProblem(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), directory).problem.code).toBe(
      'acme.directory',
    );
    expect(caProblem(new Error('Order includes different number of DNSnames identifiers than CSR specifies'), directory).problem).toEqual({
      code: 'acme.ca-error',
      params: { detail: 'Order includes different number of DNSnames identifiers than CSR specifies' },
    });
  });
});

describe('ACME messages', () => {
  it('has every English key in Korean, and renders the parameters in both', () => {
    expect(Object.keys(acmeMessages.ko).sort()).toEqual(Object.keys(acmeMessages.en).sort());
    const problem = {
      code: 'acme.dns-refused',
      params: { server: '10.0.0.53:53', name: 'sip.contoso.com', detail: 'update failed: REFUSED.' },
    };
    expect(renderProblem(problem)).toBe(
      "The DNS server 10.0.0.53:53 refused the update for sip.contoso.com: update failed: REFUSED. Check the TSIG key and the zone's update-policy.",
    );
    expect(renderProblem(problem, 'ko')).toContain('DNS 서버 10.0.0.53:53이(가) sip.contoso.com에 대한 업데이트를 거부했습니다');
  });
});

describe('tray renewal lines', () => {
  const status: AcmeStatus = {
    account: null,
    challenge: 'dns-01',
    dns: null,
    http: null,
    ready: false,
    renewals: [
      {
        id: 'a',
        friendlyName: 'Edge old',
        notAfter: '2027-01-01T00:00:00Z',
        renewAt: '2026-12-01T00:00:00Z',
        failures: 0,
        nextAttempt: null,
        lastError: null,
        replacedBy: 'b',
      },
      {
        id: 'b',
        friendlyName: 'Edge external',
        notAfter: '2027-03-01T00:00:00Z',
        renewAt: '2027-01-30T00:00:00Z',
        failures: 2,
        nextAttempt: '2027-01-30T02:00:00Z',
        lastError: { code: 'acme.validation-failed', params: { name: 'sip.contoso.com', detail: 'Connection refused' } },
        replacedBy: null,
      },
    ],
    rollover: null,
  };

  it('shows the next renewal and the failure under the state line, in English and Korean', () => {
    const menu = buildTrayMenu('running', { t: translator('en'), pid: 7, renewal: trayRenewal(status, 'en') });
    expect(menu.items.slice(0, 3).map((item) => (item.type === 'normal' ? item.label : '—'))).toEqual([
      'Gateway: Running (pid 7)',
      'Next renewal: Edge external on 2027-01-30',
      'Renewal of Edge external failed: The CA could not validate sip.contoso.com: Connection refused (retry 2027-01-30 02:00)',
    ]);
    expect(menu.tooltip).toContain('Renewal of Edge external failed');
    const ko = buildTrayMenu('running', { t: translator('ko'), renewal: trayRenewal(status, 'ko') });
    expect(ko.items[1]).toMatchObject({ label: '다음 갱신: Edge external, 2027-01-30', enabled: false });
    expect(ko.items[2]).toMatchObject({
      label: expect.stringContaining('Edge external 갱신 실패: CA가 sip.contoso.com을(를) 검증하지 못했습니다'),
    });
  });

  it('says what a pending DANE rollover waits for, in English and Korean, also without ACME certificates', () => {
    const rollover = {
      certificateId: 'c',
      friendlyName: 'Edge next',
      currentSpki: 'aa',
      nextSpki: 'bb',
      ttl: 3600,
      publishedBy: 'nsupdate' as const,
      server: '10.0.0.53:53',
      seenAt: '2027-01-30T08:00:00Z',
      switchAt: '2027-01-30T10:00:00Z',
      waiting: { code: 'acme.dane-waiting', params: { name: 'Edge next', until: '2027-01-30 10:00 UTC', ttl: '3600' } },
    };
    const menu = buildTrayMenu('running', { t: translator('en'), renewal: trayRenewal({ ...status, rollover }, 'en') });
    expect(menu.items.find((item) => item.type === 'normal' && item.id === 'renewal-rollover')).toMatchObject({
      label:
        'The gateway switches to "Edge next" once the new TLSA record has been seen for two TTLs (3600 s each): waiting until 2027-01-30 10:00 UTC.',
      enabled: false,
    });
    const ko = trayRenewal({ ...status, renewals: [], rollover }, 'ko');
    expect(ko).toMatchObject({ next: null, failure: null });
    expect(ko?.rollover).toContain('2027-01-30 10:00 UTC까지 기다립니다');
  });

  it('has no renewal lines without ACME certificates', () => {
    expect(trayRenewal({ ...status, renewals: [] }, 'en')).toBeNull();
    expect(buildTrayMenu('stopped', { t: translator('en'), renewal: null }).items).toHaveLength(8);
  });
});

describe('renewal scheduler', () => {
  it('checks at once, then once per interval, never overlapping, and stops', async () => {
    const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
    const logged: string[] = [];
    let calls = 0;
    const stop = startRenewalScheduler({
      renewDue: async () => {
        calls++;
        if (calls === 2) throw new Error('boom');
      },
      log: (message) => logged.push(message),
      intervalMs: 1000,
      setTimer: (run, ms) => {
        const timer = { run, ms, cleared: false };
        timers.push(timer);
        return { clear: () => (timer.cleared = true) };
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(1);
    expect(timers).toHaveLength(1);
    expect(timers[0].ms).toBe(1000);
    timers[0].run();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(2);
    expect(logged).toEqual(['Certificate renewal check failed: boom']);
    expect(timers).toHaveLength(2);
    stop();
    expect(timers[1].cleared).toBe(true);
  });

  it('looks again when a pending DANE rollover may switch, or every few minutes until its record is seen', async () => {
    const now = new Date('2027-01-30T08:00:00Z');
    const step = (switchAt: string | null, outcome: 'waiting' | 'switched' = 'waiting') => ({
      outcome,
      rollover: {
        certificateId: 'c',
        friendlyName: 'Edge next',
        currentSpki: 'aa',
        nextSpki: 'bb',
        ttl: 3600,
        publishedBy: 'admin' as const,
        server: null,
        seenAt: switchAt ? now.toISOString() : null,
        switchAt,
        waiting: { code: 'acme.dane-not-seen', params: {} },
      },
      script: null,
      reloaded: false,
      oldRemoved: false,
      problem: null,
    });
    expect(rolloverRecheckMs(step('2027-01-30T10:00:00Z'), now)).toBe(2 * 60 * 60 * 1000);
    expect(rolloverRecheckMs(step(null), now)).toBe(5 * 60 * 1000);
    expect(rolloverRecheckMs(step('2027-01-30T07:00:00Z'), now)).toBe(1000);
    expect(rolloverRecheckMs(step(null, 'switched'), now)).toBeNull();

    const timers: number[] = [];
    const stop = startRenewalScheduler({
      renewDue: async () => 7200_000,
      log: () => {},
      intervalMs: DAY_MS,
      setTimer: (_run, ms) => {
        timers.push(ms);
        return { clear: () => {} };
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers).toEqual([7200_000]);
    stop();
  });
});
