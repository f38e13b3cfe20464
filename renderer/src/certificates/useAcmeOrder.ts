import { useCallback, useState } from 'react';
import type { AcmeProblem, AcmeProgress, OrderResult } from '../../../shared/acme/acme';
import type { CertificateProfileInput } from '../../../shared/certificates';
import { RpcError } from '../../../shared/rpc/protocol';
import { useRpc } from '../AppContext';
import { errorMessage } from '../../../shared/errors';

export type AcmeRunState =
  | { status: 'idle'; steps: AcmeProgress[] }
  | { status: 'running'; steps: AcmeProgress[] }
  | { status: 'done'; steps: AcmeProgress[]; result: OrderResult }
  | { status: 'failed'; steps: AcmeProgress[]; problem: AcmeProblem };

/** An ACME order from the wizard: its per-name, per-step progress as the core reports it. */
export function useAcmeOrder(): { state: AcmeRunState; start: (profile: CertificateProfileInput, assign: boolean) => Promise<boolean> } {
  const client = useRpc();
  const [state, setState] = useState<AcmeRunState>({ status: 'idle', steps: [] });
  const start = useCallback(
    async (profile: CertificateProfileInput, assign: boolean) => {
      const steps: AcmeProgress[] = [];
      setState({ status: 'running', steps: [] });
      const stop = client.on('acme.progress', (progress) => {
        steps.push(progress);
        setState({ status: 'running', steps: [...steps] });
      });
      try {
        const result = await client.call('acme.order', { profile, assign });
        setState({ status: 'done', steps: [...steps], result });
        return true;
      } catch (error) {
        // The failed step carries the code and parameters; a refusal before any step (rare: page 2 and the summary gate it) keeps its text.
        const failed = [...steps].reverse().find((step) => step.state === 'failed')?.error;
        const issue = error instanceof RpcError ? error.issues[0] : undefined;
        const message = issue ? issue.message : errorMessage(error);
        // An ACME refusal before any step still has its code: say it from the catalog.
        const coded =
          issue?.reason.startsWith('acme.') === true
            ? { code: issue.reason, params: Object.fromEntries(Object.entries(issue.params ?? {}).map(([k, v]) => [k, String(v)])) }
            : { code: 'unknown', params: { detail: message } };
        setState({ status: 'failed', steps: [...steps], problem: failed ?? coded });
        return false;
      } finally {
        stop();
      }
    },
    [client],
  );
  return { state, start };
}
