import { isInstalled, type StoredCertificate } from '../certificates/installed';
import type { StoredRequest } from '../certificates/requests';
import type { RolloverStatus } from '../dns/rollover';
import { acmeStatusSchema, renewalStart, type AcmeState, type AcmeStatus } from './acme';

/**
 * The ACME settings and each ordered certificate's renewal, from the stored state alone, so that
 * `edgewiz certificates list` and the certificates page need not load the ACME client and its
 * network code to show them.
 */
export function acmeStatus(
  state: AcmeState,
  certificates: readonly (StoredRequest | StoredCertificate)[],
  rollover: RolloverStatus | null,
): AcmeStatus {
  const renewals = certificates
    .filter((entry): entry is StoredCertificate => isInstalled(entry) && state.ordered[entry.id] !== undefined)
    .map((entry) => {
      const record = state.renewals[entry.id];
      return {
        id: entry.id,
        friendlyName: entry.friendlyName,
        notAfter: entry.notAfter,
        renewAt: renewalStart(new Date(entry.notBefore), new Date(entry.notAfter), state.account?.renewDays).toISOString(),
        failures: record?.failures ?? 0,
        nextAttempt: record?.nextAttempt ?? null,
        lastError: record?.lastError ?? null,
        replacedBy: state.replaced[entry.id] ?? null,
      };
    });
  const account = state.account;
  return acmeStatusSchema.parse({
    account: account
      ? {
          directory: account.directory,
          email: account.email ?? null,
          caFile: account.caFile ?? null,
          accountUrl: account.accountUrl ?? null,
          renewDays: account.renewDays ?? null,
        }
      : null,
    challenge: state.challenge,
    dns: state.dns,
    http: state.http,
    ready:
      account !== null && ((state.challenge === 'dns-01' && state.dns !== null) || (state.challenge === 'http-01' && state.http !== null)),
    renewals,
    rollover,
  });
}
