import type { z } from 'zod';
import type { FieldIssue } from './protocol';

/** Zod issues → the wire's field issues, keeping our own reason codes where a rule set one. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const params = (issue as { params?: { reason?: unknown; values?: Record<string, string | number> } }).params;
    const reason = typeof params?.reason === 'string' ? params.reason : `schema.${issue.code}`;
    return {
      path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
      reason,
      message: issue.message,
      ...(params?.values ? { params: params.values } : {}),
    };
  });
}

/** Issues under a path prefix, re-rooted (e.g. the "topology" argument's issues for a form). */
export function issuesUnder(issues: FieldIssue[], prefix: (string | number)[]): FieldIssue[] {
  return issues
    .filter((issue) => prefix.every((part, i) => issue.path[i] === part))
    .map((issue) => ({ ...issue, path: issue.path.slice(prefix.length) }));
}
