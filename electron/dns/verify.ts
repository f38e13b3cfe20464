import { X509Certificate } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { RpcError } from '../../shared/rpc/protocol';
import type { DnsPlan, VerifiedRecord } from '../../shared/dns/records';
import { tlsaText } from '../../shared/dns/tlsa';
import { DnsQueryError, resolveTlsa } from './tlsa-query';

/** DNS answers that mean "no such record", as opposed to a server that did not answer. */
export const NO_SUCH_RECORD = new Set(['ENOTFOUND', 'ENODATA', 'ENONAME', 'NXDOMAIN']);

function sameName(a: string, b: string): boolean {
  return a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();
}

/** Whether a certificate's dNSNames cover `domain` (exactly, or by a one-label wildcard). */
export function certificateNames(domain: string, names: string[]): boolean {
  return names.some(
    (name) => sameName(name, domain) || (name.startsWith('*.') && sameName(name.slice(2), domain.slice(domain.indexOf('.') + 1))),
  );
}

function dnsNamesOf(pem: string): string[] {
  const san = new X509Certificate(pem).subjectAltName ?? '';
  return san
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4));
}

export interface VerifyOptions {
  /** "host:port" of the DNS server to ask; the system resolver when absent. */
  server?: string;
  /** The certificate assigned to the gateway (PEM), or null when none is assigned. */
  certificatePem: string | null;
  /** SHA-256 of the SubjectPublicKeyInfo of the key the gateway serves, when TLSA records are published. */
  servedSpkiSha256?: string | null;
  /** Keys whose records must be there too (the next key during a rollover). */
  alsoRequired?: string[];
}

/**
 * At most this many SRV queries in flight: a topology of a hundred domains checks in one round
 * trip to a distant resolver, and the largest one (500) still goes out in a few bursts, not all at once.
 */
const LOOKUPS_IN_FLIGHT = 128;

/** `fn` over `items` with at most `limit` calls running, results in the items' order; stops starting new calls after a failure. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Checks each planned record against DNS and says, per record, what is wrong. */
export async function verifyRecords(plan: DnsPlan, options: VerifyOptions): Promise<VerifiedRecord[]> {
  const resolver = new Resolver({ timeout: 2500, tries: 2 });
  if (options.server) resolver.setServers([options.server]);
  const unreachable = (error: NodeJS.ErrnoException) =>
    new RpcError(
      'refused',
      `The DNS server ${options.server ?? '(system resolver)'} did not answer (${error.code ?? error.message}).`,
      [],
      {
        reason: options.server ? 'resolver.no-answer' : 'resolver.system-no-answer',
        params: { server: options.server ?? '', code: error.code ?? error.message },
      },
    );

  const srvResults = mapBounded(plan.srv, LOOKUPS_IN_FLIGHT, async (record): Promise<VerifiedRecord> => {
    const expected = `${record.priority} ${record.weight} ${record.port} ${record.target}`;
    let answers;
    try {
      answers = await resolver.resolveSrv(record.name);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!NO_SUCH_RECORD.has(code)) throw unreachable(error as NodeJS.ErrnoException);
      return { name: record.name, type: 'SRV', status: 'missing', expected, found: 'no SRV record', foundReason: 'verify.no-srv' };
    }
    const found = answers.map((a) => `${a.priority} ${a.weight} ${a.port} ${a.name}`).join('; ');
    const toTarget = answers.filter((a) => sameName(a.name, record.target));
    const status = toTarget.length === 0 ? 'wrong-target' : toTarget.some((a) => a.port === record.port) ? 'ok' : 'wrong-port';
    return { name: record.name, type: 'SRV', status, expected, found };
  });
  const addressLookups = [resolver.resolve4.bind(resolver), resolver.resolve6.bind(resolver)].map((lookup) =>
    lookup(plan.target).catch((error: NodeJS.ErrnoException) => {
      if (!NO_SUCH_RECORD.has(error.code ?? '')) throw unreachable(error);
      return [];
    }),
  );
  // Awaited together: the first failure decides, and the others' outcomes are still handled.
  const [srv, ...addressLists] = await Promise.all([srvResults, ...addressLookups]);
  const results: VerifiedRecord[] = [...srv];
  const addresses = addressLists.flat();
  const wanted = plan.addresses.map((a) => a.address);
  const addressStatus =
    addresses.length === 0 ? 'unresolved' : wanted.length > 0 && !wanted.every((w) => addresses.includes(w)) ? 'wrong-target' : 'ok';
  results.push({
    name: plan.target,
    type: 'A/AAAA',
    status: addressStatus,
    expected: wanted.length ? wanted.join(', ') : 'at least one A or AAAA record',
    found: addresses.length ? addresses.join(', ') : 'no address',
    ...(wanted.length ? {} : { expectedReason: 'verify.any-address' }),
    ...(addresses.length ? {} : { foundReason: 'verify.no-address' }),
  });

  // One check per owner name: during a rollover the plan holds the current and the next key's record at each.
  const tlsaNames = [...new Map(plan.tlsa.map((record) => [record.name, record])).values()];
  for (const record of tlsaNames) {
    let answers;
    try {
      answers = await resolveTlsa(record.name, options.server);
    } catch (error) {
      throw unreachable(
        error instanceof DnsQueryError ? Object.assign(new Error(error.message), { code: error.code }) : (error as NodeJS.ErrnoException),
      );
    }
    const served = (options.servedSpkiSha256 ?? record.data).toLowerCase();
    const found = answers.map((a) => tlsaText(a)).join('; ');
    // DANE-EE SPKI SHA-256 for the key the gateway serves; any other record at the name is the admin's own.
    const has = (spki: string) =>
      answers.some((a) => a.usage === 3 && a.selector === 1 && a.matchingType === 1 && a.data.toLowerCase() === spki.toLowerCase());
    const required = [served, ...(options.alsoRequired ?? []).filter((spki) => spki.toLowerCase() !== served)];
    results.push({
      name: record.name,
      type: 'TLSA',
      status: answers.length === 0 ? 'missing' : !has(served) ? 'dane-mismatch' : required.every(has) ? 'ok' : 'missing',
      expected: required.map((data) => tlsaText({ ...record, data })).join('; '),
      found: found || 'no TLSA record',
      ...(found ? {} : { foundReason: 'verify.no-tlsa' }),
    });
  }

  const names = options.certificatePem ? dnsNamesOf(options.certificatePem) : [];
  for (const domain of [...new Set(plan.srv.map((r) => r.domain))]) {
    const ok = options.certificatePem !== null && certificateNames(domain, names);
    results.push({
      name: domain,
      type: 'certificate',
      status: ok ? 'ok' : 'certificate-mismatch',
      expected: `the assigned certificate names ${domain}`,
      expectedReason: 'verify.names-domain',
      found: options.certificatePem ? names.join(', ') || 'no DNS names' : 'no certificate is assigned to the gateway',
      ...(!options.certificatePem
        ? { foundReason: 'verify.no-certificate' }
        : names.length === 0
          ? { foundReason: 'verify.no-names' }
          : {}),
    });
  }
  return results;
}
