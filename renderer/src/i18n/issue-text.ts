import type { FieldIssue } from '../../../shared/rpc/protocol';
import { isMessageKey, type Translate } from './i18n';

/** A field issue in the admin's language: its reason code's sentence with its values, else the core's English. */
export function issueText(t: Translate, issue: Pick<FieldIssue, 'reason' | 'message' | 'params'>): string {
  const key = `reason.${issue.reason}`;
  return isMessageKey(key) ? t(key, issue.params) : issue.message;
}
