import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../i18n/i18n';
import { Intro } from './parts';
import type { WizardPageProps } from './types';

/** Page 14: what to do with the request file. */
export function NextPage({ run }: WizardPageProps) {
  const { t } = useI18n();
  return (
    <>
      {run.status === 'done' && <Intro>{t('wiz.next.file', { path: run.result.out })}</Intro>}
      <Box component="ol" sx={{ m: 0, pl: 3, display: 'grid', gap: 1.5 }}>
        <li>
          <Typography>{t('wiz.next.submit')}</Typography>
        </li>
        {(['wiz.next.import', 'wiz.next.assign', 'wiz.next.restart'] as const).map((key) => (
          <li key={key}>
            <Typography>{t(key)}</Typography>
          </li>
        ))}
        <Typography component="li" variant="body2" color="text.secondary" sx={{ listStyle: 'none' }}>
          {t('wiz.next.where')}
        </Typography>
      </Box>
    </>
  );
}
