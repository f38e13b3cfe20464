import { useContext } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import { HostContext, useRpc } from '../../AppContext';
import { useI18n } from '../../i18n/i18n';
import { savePathText } from '../save-path-text';
import type { WizardAnswers } from '../wizard-model';
import { Intro } from './parts';
import type { WizardPageProps } from './types';

/** Page 3: where the request file is written. */
export function FilePage({ answers, setAnswers, pathCheck }: WizardPageProps) {
  const { t } = useI18n();
  const client = useRpc();
  const desktop = useContext(HostContext) === 'electron';
  const set = (patch: Partial<WizardAnswers>) => setAnswers((current) => ({ ...current, ...patch }));
  const exists = pathCheck !== 'checking' && pathCheck.reason === 'path.exists';
  const error = pathCheck !== 'checking' && !pathCheck.ok && !exists;
  return (
    <>
      <Intro>{t('wiz.file.intro')}</Intro>
      <TextField
        label={t('wiz.file.label')}
        value={answers.out}
        onChange={(event) => set({ out: event.target.value, overwrite: false })}
        error={error}
        helperText={
          pathCheck === 'checking'
            ? t('wiz.file.checking')
            : pathCheck.ok
              ? t('wiz.file.ok')
              : exists
                ? t('wiz.file.exists')
                : savePathText(pathCheck, t) || ' '
        }
        slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'field-out' } }}
        autoFocus
      />
      {desktop && (
        <Box>
          <Button
            variant="outlined"
            onClick={() => {
              void client.call('desktop.chooseSavePath', { defaultPath: answers.out }).then(({ path }) => {
                if (path) set({ out: path, overwrite: false });
              });
            }}
          >
            {t('wiz.file.browse')}
          </Button>
        </Box>
      )}
      {exists && (
        <FormControlLabel
          control={<Checkbox checked={answers.overwrite} onChange={(event) => set({ overwrite: event.target.checked })} />}
          label={t('wiz.file.overwrite')}
          data-testid="overwrite"
        />
      )}
    </>
  );
}
