import type { AcmeProblem } from './acme';
import { renderProblem, type AcmeMessageKey } from './messages';
import { RpcError } from '../rpc/protocol';
import { errorMessage } from '../errors';

/** An ACME failure: a code and its parameters, with the English text for the CLI and logs. */
export class AcmeError extends RpcError {
  readonly problem: AcmeProblem;

  constructor(code: AcmeMessageKey, params: Record<string, string> = {}, path: (string | number)[] = []) {
    const problem = { code, params };
    const message = renderProblem(problem);
    super('refused', message, [{ path, reason: code, message, params }]);
    this.name = 'AcmeError';
    this.problem = problem;
  }
}

export const detailOf = (error: unknown): string => errorMessage(error).trim();

/** Any failure as a problem the UI can translate (an unknown error keeps its English detail). */
export function problemOf(error: unknown): AcmeProblem {
  if (error instanceof AcmeError) return error.problem;
  return { code: 'acme.ca-error', params: { detail: detailOf(error) } };
}
