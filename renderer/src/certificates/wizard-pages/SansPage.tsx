import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import { useI18n } from '../../i18n/i18n';
import { issueText } from '../../i18n/issue-text';
import { findingText } from '../lint-text';
import { fieldPage, lintAnswers, onField, sanAscii, sanFields, type WizardAnswers } from '../wizard-model';
import { firstNote, Intro, NoteText, useFieldNotes, wrapAnywhere, type Note } from './parts';
import type { WizardPageProps } from './types';

/** Page 10: the XMPP domains it starts with and any other names; each name is checked as it is typed. */
export function SansPage(props: WizardPageProps) {
  const { answers, setAnswers, topology, evaluation } = props;
  const { t, locale } = useI18n();
  const { noteAt } = useFieldNotes(props);
  const [newSan, setNewSan] = useState('');
  const set = (patch: Partial<WizardAnswers>) => setAnswers((current) => ({ ...current, ...patch }));
  const xmpp = new Set(topology.xmppDomains);
  const key = (name: string) => sanAscii(name).toLowerCase();
  const candidate = newSan.trim();
  const duplicate = candidate !== '' && answers.sans.some((name) => key(name) === key(candidate));
  // The name as typed is checked by the same rules as the summary, as if it were already added.
  const candidateNote = (() => {
    if (candidate === '' || duplicate) return null;
    const withCandidate = { ...answers, sans: [...answers.sans, candidate] };
    const path = sanFields(topology, withCandidate).at(-1);
    return path
      ? firstNote(
          lintAnswers(topology, withCandidate).filter((finding) => onField(finding.field, path)),
          locale,
          t,
        )
      : null;
  })();
  const refused = candidate === '' || duplicate || candidateNote?.severity === 'error';
  const add = () => {
    if (refused) return;
    set({ sans: [...answers.sans, candidate] });
    setNewSan('');
  };
  const rowFields = sanFields(topology, answers);
  const rowNote = (i: number): Note | null => {
    const path = rowFields[i];
    return path ? noteAt(path) : null;
  };
  // Findings about the list as a whole, such as a removed XMPP domain.
  const listNotes = [
    ...evaluation.invalid
      .filter((issue) => fieldPage(issue.path) === 'sans' && issue.path.length === 2)
      .map((issue) => ({ text: issueText(t, issue), severity: 'error' as const })),
    ...evaluation.findings
      .filter((finding) => fieldPage(finding.field) === 'sans' && finding.field?.length === 2)
      .map((finding) => ({ text: findingText(finding, locale, t), severity: finding.severity })),
  ];
  return (
    <>
      <Intro>{t('wiz.sans.intro')}</Intro>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <TextField
          label={t('wiz.sans.name')}
          value={newSan}
          onChange={(event) => setNewSan(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          error={duplicate || candidateNote?.severity === 'error'}
          helperText={
            <NoteText
              note={duplicate ? { text: t('wiz.sans.duplicate'), severity: 'error', code: 'duplicate' } : candidateNote}
              fallback=" "
              testId="note-new-san"
            />
          }
          sx={{ flex: 1, maxWidth: 420 }}
          slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'field-new-san' } }}
        />
        <Button variant="outlined" onClick={add} disabled={refused} sx={{ mt: 0.25 }} data-testid="add-san">
          {t('wiz.sans.add')}
        </Button>
        <Button onClick={() => set({ sans: [] })} disabled={answers.sans.length === 0} sx={{ mt: 0.25 }} data-testid="clear-sans">
          {t('wiz.sans.clear')}
        </Button>
      </Box>
      {listNotes.map((note) => (
        <Alert key={note.text} severity={note.severity} sx={wrapAnywhere} data-testid="sans-list-note">
          {note.text}
        </Alert>
      ))}
      {answers.sans.length === 0 ? (
        <Typography color="text.secondary" sx={{ fontStyle: 'italic' }}>
          {t('wiz.sans.empty')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 0.5 }} data-testid="additional-sans">
          {answers.sans.map((name, i) => {
            const note = rowNote(i);
            return (
              <Box
                component="li"
                key={`${name}-${i}`}
                sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
                data-severity={note?.severity}
              >
                <Box sx={{ flex: 1, ...wrapAnywhere }}>
                  <Typography color={note?.severity === 'error' ? 'error' : undefined}>{name}</Typography>
                  {note && (
                    <FormHelperText error={note.severity === 'error'} sx={{ m: 0 }}>
                      <NoteText note={note} fallback="" testId={`note-san-${i}`} />
                    </FormHelperText>
                  )}
                </Box>
                {xmpp.has(sanAscii(name)) && <Chip size="small" label={t('wiz.sans.xmpp')} />}
                <IconButton
                  aria-label={t('wiz.sans.remove', { name })}
                  onClick={() => set({ sans: answers.sans.filter((_, j) => j !== i) })}
                >
                  <DeleteOutlinedIcon />
                </IconButton>
              </Box>
            );
          })}
        </Box>
      )}
    </>
  );
}
