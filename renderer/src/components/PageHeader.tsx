import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useI18n } from '../i18n/i18n';

/** A step's page title with the way back home, an optional introduction and extras on the right. */
export function PageHeader({ title, intro, onBack, id, extra }: { title: string; intro?: string; onBack: () => void; id?: string; extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <IconButton aria-label={t('app.back')} onClick={onBack}>
          <ArrowBackIcon />
        </IconButton>
        <Typography id={id} variant="h5" component="h2" sx={{ flex: 1 }}>
          {title}
        </Typography>
        {extra}
      </Box>
      {intro && <Typography color="text.secondary">{intro}</Typography>}
    </>
  );
}
