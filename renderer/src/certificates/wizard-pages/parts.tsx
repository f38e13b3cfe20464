import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { displayName, type FieldPath, type LintFinding } from '../../../../shared/certificates';
import { useI18n, type Locale, type Translate } from '../../i18n/i18n';
import { issueText } from '../../i18n/issue-text';
import { findingText } from '../lint-text';
import { onField, type Evaluation, type WizardAnswers } from '../wizard-model';
import type { WizardPageProps } from './types';

export function Intro({ children }: { children: ReactNode }) {
  return <Typography color="text.secondary">{children}</Typography>;
}

export function KeyValues({ rows, testId }: { rows: [string, ReactNode][]; testId?: string }) {
  return (
    <Table size="small" data-testid={testId}>
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row" sx={{ width: 220, color: 'text.secondary', verticalAlign: 'top' }}>
              {label}
            </TableCell>
            <TableCell sx={{ wordBreak: 'break-word' }}>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Long values (an 80-character OU, a name without dots) wrap inside the panel instead of running past it. */
export const wrapAnywhere = { minWidth: 0, overflowWrap: 'anywhere', wordBreak: 'break-word' } as const;

export interface Note {
  text: string;
  severity: 'error' | 'warning';
  /** The rule's code: a schema reason or a lint id. */
  code: string;
}

/** The first error (else warning) of these findings, in the admin's language. */
export function firstNote(findings: LintFinding[], locale: Locale, t: Translate): Note | null {
  const pick = findings.find((finding) => finding.severity === 'error') ?? findings[0];
  return pick ? { text: findingText(pick, locale, t), severity: pick.severity, code: `lint.${pick.id}` } : null;
}

/** A field's message; warnings in the theme's warning colour, readable in light and dark. */
export function NoteText({ note, fallback, testId }: { note: Note | null; fallback: ReactNode; testId: string }) {
  return (
    <Box
      component="span"
      data-testid={testId}
      data-severity={note?.severity}
      data-code={note?.code}
      sx={
        note?.severity === 'warning'
          ? {
              color: (theme) => (theme.palette.mode === 'dark' ? theme.palette.warning.light : theme.palette.warning.dark),
              ...wrapAnywhere,
            }
          : wrapAnywhere
      }
    >
      {note ? note.text : fallback}
    </Box>
  );
}

export function SanList({ evaluation }: { evaluation: Evaluation }) {
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5, ...wrapAnywhere }} data-testid="san-list">
      {evaluation.sans.map((entry) => (
        <li key={entry.name}>{displayName(entry.name)}</li>
      ))}
    </Box>
  );
}

export function Findings({ evaluation }: { evaluation: Evaluation }) {
  const { t, locale } = useI18n();
  if (evaluation.invalid.length === 0 && evaluation.findings.length === 0)
    return (
      <Alert severity="success" data-testid="findings">
        {t('wiz.summary.clean')}
      </Alert>
    );
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 1 }} data-testid="findings">
      {evaluation.invalid.map((issue) => (
        <Alert key={`${issue.path.join('.')}-${issue.reason}`} severity="error" data-reason={issue.reason} sx={wrapAnywhere}>
          <strong>{t('severity.error')}</strong> — {issueText(t, issue)}
        </Alert>
      ))}
      {evaluation.findings.map((finding, i) => (
        <Alert key={`${finding.id}-${i}`} severity={finding.severity} data-lint-id={finding.id} sx={wrapAnywhere}>
          <strong>{t(finding.severity === 'error' ? 'severity.error' : 'severity.warning')}</strong> — {findingText(finding, locale, t)}
        </Alert>
      ))}
    </Box>
  );
}

export type TextAnswer = 'friendlyName' | 'organization' | 'organizationalUnit' | 'country' | 'state' | 'city';

/** What the shared rules say at each field of a page. */
export function useFieldNotes({ answers, evaluation, required, showRequired, onTouched }: WizardPageProps) {
  const { t, locale } = useI18n();
  /** A schema problem first, then lint. */
  const noteAt = (path: FieldPath): Note | null => {
    const issue = evaluation.invalid.find((candidate) => onField(candidate.path, path));
    if (issue) return { text: issueText(t, issue), severity: 'error', code: issue.reason };
    return firstNote(
      evaluation.findings.filter((finding) => onField(finding.field, path)),
      locale,
      t,
    );
  };
  /** required / error / helperText / onBlur for a text field: an empty one says its problem once left; a filled one at once. */
  const fieldState = (name: TextAnswer, help: ReactNode) => {
    const empty = (answers as Pick<WizardAnswers, TextAnswer>)[name].trim() === '';
    const note = empty && !showRequired(name) ? null : noteAt(['request', name]);
    return {
      required: required.has(name),
      error: note?.severity === 'error',
      helperText: <NoteText note={note} fallback={help} testId={`note-${name}`} />,
      onBlur: () => onTouched(name),
    };
  };
  return { noteAt, fieldState };
}
