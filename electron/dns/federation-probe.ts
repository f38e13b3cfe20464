import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { FederationProbe, ProbeStep } from '../../shared/dns/records';
import { XMPP_S2S_PORT } from '../../shared/dns/records';
import { probeXmppServer } from '../xmpp/probe';
import { NO_SUCH_RECORD, certificateNames } from './verify';

/**
 * How a remote server would reach `domain` over XMPP federation, step by step: SRV lookup
 * (falling back to the domain itself on 5269, RFC 6120 §3.2), the address, the stream
 * features, STARTTLS, and whether the served certificate names the domain.
 */
export async function probeFederation(domain: string, options: { server?: string; from?: string } = {}): Promise<FederationProbe> {
  const resolver = new Resolver({ timeout: 2500, tries: 2 });
  if (options.server) resolver.setServers([options.server]);
  const steps: ProbeStep[] = [];
  const done = () => ({ domain, ok: steps.every((step) => step.status !== 'failed'), steps });

  let target = domain;
  let port = XMPP_S2S_PORT;
  try {
    const records = (await resolver.resolveSrv(`_xmpp-server._tcp.${domain}`)).sort(
      (a, b) => a.priority - b.priority || b.weight - a.weight,
    );
    target = records[0].name;
    port = records[0].port;
    steps.push({ id: 'srv', status: 'ok', detail: records.map((r) => `${r.priority} ${r.weight} ${r.port} ${r.name}`).join('; ') });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!NO_SUCH_RECORD.has(code)) {
      const why = code || String(error);
      steps.push({
        id: 'srv',
        status: 'failed',
        detail: `The DNS server did not answer (${why}).`,
        reason: 'probe.dns-no-answer',
        params: { code: why },
      });
      return done();
    }
    steps.push({
      id: 'srv',
      status: 'warning',
      detail: `No _xmpp-server._tcp.${domain} record: partners fall back to ${domain}:${XMPP_S2S_PORT}.`,
      reason: 'probe.no-srv',
      params: { domain, port: XMPP_S2S_PORT },
    });
  }

  let address = target;
  if (!isIP(target)) {
    const found: string[] = [];
    for (const lookup of [resolver.resolve4.bind(resolver), resolver.resolve6.bind(resolver)]) {
      try {
        found.push(...(await lookup(target)));
      } catch {
        // Either family may be absent; none at all is reported below.
      }
    }
    if (found.length === 0) {
      steps.push({
        id: 'address',
        status: 'failed',
        detail: `${target} has no A or AAAA record.`,
        reason: 'probe.no-address',
        params: { target },
      });
      return done();
    }
    address = found[0];
    steps.push({ id: 'address', status: 'ok', detail: `${target} → ${found.join(', ')}` });
  }

  const probe = await probeXmppServer({ host: address, port, domain, starttls: true, from: options.from, timeoutMs: 5000 });
  if (!probe.features) {
    const coded: Pick<ProbeStep, 'reason' | 'params'> = probe.streamError
      ? { reason: 'probe.stream-error', params: { error: probe.streamError } }
      : probe.reason && !probe.refused
        ? { reason: probe.reason, params: probe.params }
        : { reason: 'probe.no-server', params: { address, port } };
    steps.push({
      id: 'stream',
      status: 'failed',
      detail: probe.streamError ? `Stream error: ${probe.streamError}` : (probe.error ?? `No XMPP server answered on ${address}:${port}.`),
      ...coded,
    });
    return done();
  }
  const f = probe.features;
  steps.push({
    id: 'stream',
    status: 'ok',
    detail: `${address}:${port} offers ${f.names.join(', ') || 'no features'}${f.starttlsRequired ? ' (TLS required)' : ''}`,
    reason: f.names.length === 0 ? 'probe.no-features' : f.starttlsRequired ? 'probe.features-tls-required' : 'probe.features',
    params: { address, port, features: f.names.join(', ') },
  });
  if (!probe.tls) {
    steps.push({
      id: 'tls',
      status: f.starttls ? 'failed' : 'warning',
      detail: f.starttls
        ? (probe.error ?? 'STARTTLS failed.')
        : 'The server does not offer STARTTLS: partners that require TLS cannot federate.',
      ...(f.starttls
        ? probe.reason
          ? { reason: probe.reason, params: probe.params }
          : { reason: 'probe.starttls-failed' }
        : { reason: 'probe.no-starttls' }),
    });
    return done();
  }
  steps.push({ id: 'tls', status: 'ok', detail: `${probe.tls.protocol}, ${probe.tls.cipher}` });
  const certificate = probe.tls.certificate;
  const names = certificate?.sans ?? [];
  steps.push({
    id: 'certificate',
    status: certificate && certificateNames(domain, names) ? 'ok' : 'failed',
    detail: certificate ? `${certificate.subject}; names: ${names.join(', ') || 'none'}` : 'The server presented no certificate.',
    ...(certificate
      ? { reason: 'probe.certificate', params: { subject: certificate.subject, names: names.join(', ') || '—' } }
      : { reason: 'probe.no-certificate' }),
  });
  return done();
}
