import { resolve } from 'node:path';
import type { TrustedRoot } from '../../shared/trust/rpc';
import { BoundedReadError, readBoundedFile } from '../files/bounded-read';
import { RpcError } from '../../shared/rpc/protocol';
import { EXIT_OK, UsageError, call, requireOption, withLastEvent, type CliCommand } from '../cli/kit';
import type { PartnersApplied } from '../../shared/gateway/types';
import { countOf } from '../../shared/plural';

function formatRoots(roots: TrustedRoot[]): string {
  if (roots.length === 0) return 'No trusted private roots. Add one with: edgewiz trust add --file ROOT.pem\n';
  return roots.map((root) => `${root.subject}\n  SHA-256 ${root.sha256}\n  valid until ${root.notAfter.slice(0, 10)}`).join('\n') + '\n';
}

/** How the change reached the gateway (the core applies it before answering). */
function appliedLine(applied: PartnersApplied | null): string {
  if (applied?.outcome === 'reloaded') return "Applied to the running gateway: it validates partners' certificates with these roots now.\n";
  if (applied?.outcome === 'failed') return `Saved, but NOT applied to the gateway: ${applied.message ?? 'unknown error'}\n`;
  return '';
}

/** PEM text of every certificate in the file: PEM as is; DER, PKCS #7 and the like converted. */
async function pemOf(file: string): Promise<string> {
  // Loaded here, not at start-up: the trust schemas need zod, the certificate parser forge.
  const [{ MAX_TRUST_PEM }, { parseCertificateFile }] = await Promise.all([
    import('../../shared/trust/rpc'),
    import('../x509/certificate-file'),
  ]);
  let data: Buffer;
  try {
    data = await readBoundedFile(file, MAX_TRUST_PEM);
  } catch (error) {
    if (error instanceof BoundedReadError && error.failure === 'too-large')
      throw new UsageError(`${file} is larger than ${Math.round(MAX_TRUST_PEM / 1024)} KB: a root certificate is a few KB.`);
    throw new RpcError('refused', error instanceof BoundedReadError ? `${error.message}.` : `${file}: cannot read the file.`);
  }
  const text = data.toString('utf8');
  if (text.includes('-----BEGIN CERTIFICATE-----')) return text;
  return (await parseCertificateFile(data, file)).certificates.map((certificate) => certificate.toString()).join('');
}

export const trustCommands: CliCommand[] = [
  {
    words: ['trust', 'list'],
    usage: ['trust list                        List the trusted private roots'],
    async run(context) {
      const roots = await call(context.core(), 'trust.list', {});
      context.out(roots, formatRoots(roots));
      return EXIT_OK;
    },
  },
  {
    words: ['trust', 'add'],
    usage: ['trust add --file ROOT.pem         Trust a private root (or the root a chain file ends at) for imports and partners'],
    options: { file: { type: 'string' } },
    async run(context, values) {
      const file = resolve(requireOption(values, 'file', 'trust add'));
      const pem = await pemOf(file);
      const [roots, applied] = await withLastEvent(context, 'gateway.applied', () => call(context.core(), 'trust.add', { pem }));
      context.out(
        roots,
        `Trusted. ${countOf(roots.length, 'private root', 'private roots')}:\n${formatRoots(roots)}${appliedLine(applied)}`,
      );
      return EXIT_OK;
    },
  },
  {
    words: ['trust', 'remove'],
    usage: ['trust remove --sha256 H           Stop trusting a private root'],
    options: { sha256: { type: 'string' } },
    async run(context, values) {
      const sha256 = requireOption(values, 'sha256', 'trust remove');
      const [roots, applied] = await withLastEvent(context, 'gateway.applied', () => call(context.core(), 'trust.remove', { sha256 }));
      context.out(roots, `Removed. ${countOf(roots.length, 'private root', 'private roots')} left.\n${appliedLine(applied)}`);
      return EXIT_OK;
    },
  },
];
