import { RpcError, type FieldIssue } from '../../../shared/rpc/protocol';
import { isLintId, lintSentence } from '../certificates/lint-text';
import { isMessageKey, type Translate } from './i18n';
import { errorMessage } from '../../../shared/errors';

/**
 * A coded message in the admin's language: its reason's sentence with its values; a lint
 * finding's or an ACME problem's sentence (their catalogs are keyed by the code itself); else
 * the core's English.
 */
export function issueText(t: Translate, issue: Pick<FieldIssue, 'reason' | 'message' | 'params'>): string {
  const key = `reason.${issue.reason}`;
  if (isMessageKey(key)) return t(key, issue.params);
  const lint = issue.reason.startsWith('lint.') ? issue.reason.slice('lint.'.length) : '';
  if (isLintId(lint) && issue.params) return lintSentence(lint, issue.params, t) ?? issue.message;
  if (issue.reason.startsWith('acme.') && isMessageKey(issue.reason)) return t(issue.reason, issue.params);
  return issue.message;
}

/** A failed call in the admin's language: its code, else its field issues, else the core's English. */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof RpcError) {
    if (error.coded) return issueText(t, { ...error.coded, message: error.message });
    if (error.issues.length > 0) return error.issues.map((issue) => issueText(t, issue)).join(' ');
  }
  return errorMessage(error);
}
