import { useEffect, useRef, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import CloseIcon from '@mui/icons-material/Close';
import type { PaneFeatureId } from '../features';
import { useI18n } from '../i18n/i18n';

/** The right-hand area where a feature's pane (Gateway, Partners) lives. */
export function SidePane({ id, onClose, children }: { id: PaneFeatureId; onClose: () => void; children: ReactNode }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [id]);
  // Beside the main area on wide windows; over it on narrow ones, so the page keeps its width.
  const overlay = useMediaQuery((theme: Theme) => theme.breakpoints.down('lg'));
  return (
    <Paper
      component="aside"
      square
      elevation={overlay ? 8 : 0}
      aria-labelledby={`pane-${id}-title`}
      data-testid="side-pane"
      data-overlay={overlay}
      onKeyDown={(event) => {
        if (overlay && event.key === 'Escape' && !event.defaultPrevented) onClose();
      }}
      sx={
        overlay
          ? {
              position: 'fixed',
              top: 65,
              right: 0,
              bottom: 0,
              width: 'min(380px, 100vw)',
              overflowY: 'auto',
              zIndex: (theme) => theme.zIndex.appBar - 1,
              borderLeft: 1,
              borderColor: 'divider',
              p: 2.5,
            }
          : { width: 380, flexShrink: 0, borderLeft: 1, borderColor: 'divider', alignSelf: 'stretch', p: 2.5 }
      }
    >
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 2 }}>
        <Typography id={`pane-${id}-title`} ref={heading} tabIndex={-1} variant="h6" component="h2" sx={{ flex: 1, outline: 'none' }}>
          {t(`pane.${id}.title`)}
        </Typography>
        <IconButton aria-label={t('app.close')} onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      {children}
    </Paper>
  );
}
