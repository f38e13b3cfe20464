import { useEffect, useRef } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { EXPIRY_WARNING_DAYS } from '../../../shared/certificates/expiry';
import type { WizardStep, WizardStepId } from '../../../shared/domain/wizard';
import { paneFeatures } from '../features';
import { isMessageKey, useI18n } from '../i18n/i18n';

// A step whose feature has a side pane opens it; the others open their page.
const paneSteps = new Set<WizardStepId>(paneFeatures.map((feature) => feature.id));

/** Days until the gateway's certificate expires; a warning from 30 days before. */
function StepExpiry({ expiry }: { expiry: NonNullable<WizardStep['expiry']> }) {
  const { t, locale } = useI18n();
  const vars = {
    name: expiry.friendlyName,
    days: expiry.daysLeft,
    date: new Date(expiry.notAfter).toLocaleDateString(locale, { dateStyle: 'medium' }),
  };
  const [key, color] =
    expiry.daysLeft < 0
      ? (['cert.home.expired', 'error'] as const)
      : expiry.daysLeft < EXPIRY_WARNING_DAYS
        ? (['cert.home.expiresSoon', 'warning.main'] as const)
        : (['cert.home.expiry', 'text.secondary'] as const);
  return (
    <Typography
      variant="body2"
      color={color}
      sx={{ mt: 0.5, fontWeight: color === 'text.secondary' ? 400 : 600 }}
      data-testid="step-certificates-expiry"
    >
      {t(key, vars)}
    </Typography>
  );
}

/** The edge deployment wizard's home: the five steps in order, each with its state. */
export function HomePage({
  steps,
  onRun,
  returnedFrom,
}: {
  steps: WizardStep[];
  onRun: (id: WizardStepId) => void;
  returnedFrom?: WizardStepId | null;
}) {
  const { t } = useI18n();
  // Back from a step lands on that step's button, where the admin left.
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (returnedFrom) list.current?.querySelector<HTMLElement>(`[data-testid="run-${returnedFrom}"]`)?.focus();
  }, [returnedFrom]);
  return (
    <>
      <Box>
        <Typography variant="h5" component="h2" gutterBottom>
          {t('home.title')}
        </Typography>
        <Typography color="text.secondary">{t('home.intro')}</Typography>
      </Box>
      <Box ref={list} component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1.5 }} aria-label={t('home.title')}>
        {steps.map((step, index) => {
          const runnable = step.state === 'todo' || step.state === 'done';
          const underway = step.progress === 'pending' || step.progress === 'imported' ? step.progress : null;
          const label = paneSteps.has(step.id)
            ? t('home.open')
            : underway
              ? t('home.continue')
              : step.completedOnce
                ? t('home.runAgain')
                : t('home.run');
          const titleId = `step-${step.id}-title`;
          const reasonId = `step-${step.id}-reason`;
          return (
            <Paper
              component="li"
              key={step.id}
              variant="outlined"
              data-testid={`step-${step.id}`}
              aria-labelledby={titleId}
              sx={{ p: 2, display: 'flex', gap: 2, alignItems: 'center' }}
            >
              <Box
                aria-hidden
                sx={{
                  width: 40,
                  height: 40,
                  borderRadius: '50%',
                  flexShrink: 0,
                  display: 'grid',
                  placeItems: 'center',
                  fontWeight: 700,
                  bgcolor: step.state === 'done' ? 'success.main' : 'action.selected',
                  color: step.state === 'done' ? 'success.contrastText' : 'text.primary',
                }}
              >
                {step.state === 'done' ? <CheckCircleIcon fontSize="small" /> : index + 1}
              </Box>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="overline" color="text.secondary" component="p" sx={{ lineHeight: 1.6 }}>
                  {t('home.step', { n: index + 1 })}
                </Typography>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                  <Typography id={titleId} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                    {t(`home.step.${step.id}`)}
                  </Typography>
                  <Chip
                    size="small"
                    label={underway ? t(`home.progress.${underway}`) : t(`home.state.${step.state}`)}
                    color={step.state === 'done' ? 'success' : underway ? 'info' : 'default'}
                    variant={step.state === 'done' ? 'filled' : 'outlined'}
                    data-testid={`step-${step.id}-state`}
                  />
                </Box>
                <Typography variant="body2" color="text.secondary">
                  {t(`home.step.${step.id}.description`)}
                </Typography>
                {underway && (
                  <Typography variant="body2" sx={{ mt: 0.5 }} data-testid={`step-${step.id}-next`}>
                    {t(`home.progress.${underway}.next`)}
                  </Typography>
                )}
                {step.expiry && <StepExpiry expiry={step.expiry} />}
                {step.reason && isMessageKey(step.reason) && (
                  <Typography id={reasonId} variant="body2" color="warning.main" sx={{ mt: 0.5 }}>
                    {t(step.reason)}
                  </Typography>
                )}
              </Box>
              <Button
                variant={step.id === 'topology' && step.state === 'todo' ? 'contained' : 'outlined'}
                disabled={!runnable}
                aria-describedby={step.reason ? reasonId : undefined}
                onClick={() => onRun(step.id)}
                data-testid={`run-${step.id}`}
              >
                {label}
              </Button>
            </Paper>
          );
        })}
      </Box>
    </>
  );
}
