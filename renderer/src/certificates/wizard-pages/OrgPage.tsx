import TextField from '@mui/material/TextField';
import { useI18n } from '../../i18n/i18n';
import type { WizardAnswers } from '../wizard-model';
import { useFieldNotes } from './parts';
import type { WizardPageProps } from './types';

/** Page 6: organization and organizational unit. */
export function OrgPage(props: WizardPageProps) {
  const { answers, setAnswers } = props;
  const { t } = useI18n();
  const { fieldState } = useFieldNotes(props);
  const set = (patch: Partial<WizardAnswers>) => setAnswers((current) => ({ ...current, ...patch }));
  return (
    <>
      <TextField
        label={t('wiz.org.organization')}
        value={answers.organization}
        onChange={(event) => set({ organization: event.target.value })}
        {...fieldState('organization', t('wiz.org.organization.help'))}
        autoFocus
        slotProps={{ htmlInput: { 'data-testid': 'field-organization' } }}
      />
      <TextField
        label={t('wiz.org.unit')}
        value={answers.organizationalUnit}
        onChange={(event) => set({ organizationalUnit: event.target.value })}
        {...fieldState('organizationalUnit', t('wiz.org.unit.help'))}
        slotProps={{ htmlInput: { 'data-testid': 'field-organizationalUnit' } }}
      />
    </>
  );
}
