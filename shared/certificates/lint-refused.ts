import { RpcError } from '../rpc/protocol';
import { lintErrors, summarizeErrors, type LintFinding } from './lint';

/** Lint errors stopped the request; nothing was generated, written or stored. */
export class LintRefusedError extends RpcError {
  constructor(readonly findings: LintFinding[]) {
    super(
      'refused',
      `The certificate request was not written: ${summarizeErrors(findings)}`,
      lintErrors(findings).map((finding) => ({
        path: ['profile', ...(finding.field ?? [])],
        reason: `lint.${finding.id}`,
        message: finding.message,
        ...(finding.params ? { params: finding.params } : {}),
      })),
    );
    this.name = 'LintRefusedError';
  }
}
