import { useEffect, useRef, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useI18n } from '../i18n/i18n';

/** A step's page title with the way back home, an optional introduction and extras on the right. */
export function PageHeader({
  title,
  intro,
  onBack,
  id,
  extra,
}: {
  title: string;
  intro?: string;
  onBack: () => void;
  id?: string;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  // A new view takes focus to its title, so keyboard and screen reader users land on it instead of the page body.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <IconButton aria-label={t('app.back')} onClick={onBack}>
          <ArrowBackIcon />
        </IconButton>
        <Typography
          ref={heading}
          tabIndex={-1}
          id={id}
          variant="h5"
          component="h2"
          sx={{ flex: 1, outline: 'none' }}
          data-testid="page-title"
        >
          {title}
        </Typography>
        {extra}
      </Box>
      {intro && <Typography color="text.secondary">{intro}</Typography>}
    </>
  );
}
