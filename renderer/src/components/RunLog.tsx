import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useI18n } from '../i18n/i18n';

/** "View log" on a run page: the equivalent commands, shown on demand. */
export function RunLog({ commands }: { commands: string[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Box>
      <Button onClick={() => setOpen(!open)} aria-expanded={open} data-testid="view-log">
        {open ? t('wiz.run.hideLog') : t('wiz.run.viewLog')}
      </Button>
      {open && (
        <Box
          component="pre"
          data-testid="run-log"
          sx={{
            p: 1.5,
            bgcolor: 'action.hover',
            borderRadius: 1,
            overflowX: 'auto',
            fontSize: 13,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
          }}
        >
          {`# ${t('wiz.run.equivalent')}\n${commands.join('\n\n')}`}
        </Box>
      )}
    </Box>
  );
}
