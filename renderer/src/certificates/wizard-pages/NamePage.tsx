import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { DEFAULT_KEY_SIZE, keySizes, MAX_FRIENDLY_NAME } from '../../../../shared/certificates';
import { useI18n } from '../../i18n/i18n';
import type { WizardAnswers } from '../wizard-model';
import { NoteText, useFieldNotes } from './parts';
import type { WizardPageProps } from './types';

/** Page 5: friendly name, key size and whether the key is exportable. */
export function NamePage(props: WizardPageProps) {
  const { answers, setAnswers } = props;
  const { t } = useI18n();
  const { noteAt, fieldState } = useFieldNotes(props);
  const set = (patch: Partial<WizardAnswers>) => setAnswers((current) => ({ ...current, ...patch }));
  const keySizeNote = noteAt(['request', 'keySize']);
  return (
    <>
      <TextField
        label={t('wiz.name.friendlyName')}
        value={answers.friendlyName}
        onChange={(event) => set({ friendlyName: event.target.value })}
        {...fieldState('friendlyName', t('wiz.name.friendlyName.help'))}
        autoFocus
        slotProps={{ htmlInput: { 'data-testid': 'field-friendlyName', maxLength: MAX_FRIENDLY_NAME } }}
      />
      <TextField
        select
        label={t('wiz.name.bitLength')}
        value={answers.keySize}
        onChange={(event) => set({ keySize: Number(event.target.value) as WizardAnswers['keySize'] })}
        helperText={<NoteText note={keySizeNote} fallback=" " testId="note-keySize" />}
        error={keySizeNote?.severity === 'error'}
        sx={{ maxWidth: 260 }}
        slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'field-keySize' } as object } }}
      >
        {keySizes.map((bits) => (
          <MenuItem key={bits} value={bits}>
            {bits === DEFAULT_KEY_SIZE ? t('wiz.name.default', { n: bits }) : t('wiz.name.bits', { n: bits })}
          </MenuItem>
        ))}
      </TextField>
      <Box>
        <FormControlLabel
          control={<Checkbox checked={answers.exportable} onChange={(event) => set({ exportable: event.target.checked })} />}
          label={t('wiz.name.exportable')}
          data-testid="exportable"
        />
        <FormHelperText sx={{ ml: 4, mt: -0.5 }}>{t('wiz.name.exportable.help')}</FormHelperText>
      </Box>
    </>
  );
}
