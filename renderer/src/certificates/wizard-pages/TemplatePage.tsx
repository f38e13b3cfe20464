import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import { useI18n } from '../../i18n/i18n';
import type { WizardAnswers } from '../wizard-model';
import { Intro, NoteText, useFieldNotes } from './parts';
import type { WizardPageProps } from './types';

/** Page 4: the alternate certificate template. */
export function TemplatePage(props: WizardPageProps) {
  const { answers, setAnswers, required } = props;
  const { t } = useI18n();
  const { noteAt } = useFieldNotes(props);
  const set = (patch: Partial<WizardAnswers>) => setAnswers((current) => ({ ...current, ...patch }));
  const note = noteAt(['request', 'template']);
  return (
    <>
      <Intro>{t('wiz.template.intro')}</Intro>
      <FormControlLabel
        control={<Checkbox checked={answers.useTemplate} onChange={(event) => set({ useTemplate: event.target.checked })} />}
        label={t('wiz.template.use')}
        data-testid="use-template"
      />
      {answers.useTemplate && (
        <TextField
          label={t('wiz.template.name')}
          value={answers.templateName}
          required={required.has('template')}
          onChange={(event) => set({ templateName: event.target.value })}
          helperText={<NoteText note={note} fallback={t('wiz.template.name.help')} testId="note-template" />}
          error={note?.severity === 'error'}
          sx={{ maxWidth: 420 }}
          slotProps={{ htmlInput: { 'data-testid': 'field-template' } }}
        />
      )}
    </>
  );
}
