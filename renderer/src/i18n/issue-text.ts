import { RpcError, type FieldIssue } from '../../../shared/rpc/protocol';
import { isMessageKey, type Translate } from './i18n';

/** A coded message in the admin's language: its reason's sentence with its values, else the core's English. */
export function issueText(t: Translate, issue: Pick<FieldIssue, 'reason' | 'message' | 'params'>): string {
  const key = `reason.${issue.reason}`;
  return isMessageKey(key) ? t(key, issue.params) : issue.message;
}

/** A failed call in the admin's language: its code, else its field issues, else the core's English. */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof RpcError) {
    if (error.coded) return issueText(t, { ...error.coded, message: error.message });
    if (error.issues.length > 0) return error.issues.map((issue) => issueText(t, issue)).join(' ');
  }
  return error instanceof Error ? error.message : String(error);
}
