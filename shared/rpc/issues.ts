import type { z } from 'zod';
import type { FieldIssue, MessageParams } from './protocol';

/** The bound a size issue names, with the kind of value it bounds (characters, entries, a number). */
function sizeReason(issue: z.core.$ZodIssue): { reason: string; params?: MessageParams } {
  if (issue.code !== 'too_big' && issue.code !== 'too_small') return { reason: `schema.${issue.code}` };
  const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
  const origin = ['string', 'array', 'number'].includes(issue.origin) ? `.${issue.origin}` : '';
  return { reason: `schema.${issue.code}${origin}`, params: { limit: typeof bound === 'bigint' ? bound.toString() : bound } };
}

/** Zod issues → the wire's field issues, keeping our own reason codes where a rule set one. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const own = (issue as { params?: { reason?: unknown; values?: Record<string, string | number> } }).params;
    const coded = typeof own?.reason === 'string' ? { reason: own.reason, params: own.values } : sizeReason(issue);
    return {
      path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
      reason: coded.reason,
      message: issue.message,
      ...(coded.params ? { params: coded.params } : {}),
    };
  });
}

/** Issues under a path prefix, re-rooted (e.g. the "topology" argument's issues for a form). */
export function issuesUnder(issues: FieldIssue[], prefix: (string | number)[]): FieldIssue[] {
  return issues
    .filter((issue) => prefix.every((part, i) => issue.path[i] === part))
    .map((issue) => ({ ...issue, path: issue.path.slice(prefix.length) }));
}
