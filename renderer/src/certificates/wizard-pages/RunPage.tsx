import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { requestStages } from '../../../../shared/certificates';
import { AcmeRun } from '../AcmeRun';
import { RunLog } from '../../components/RunLog';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import type { WizardPageProps } from './types';

/** The command line that orders the same request (the run page's log starts with it). */
function edgewizImmediateCommand(assign: boolean): string {
  return `edgewiz certificates request --profile profile.json --immediate${assign ? ' --assign' : ''}`;
}

/** Page 12: the key and the request being made, or the order from the ACME CA, with the log. */
export function RunPage({ answers, run, acme, onRetry }: WizardPageProps) {
  const { t } = useI18n();
  if (answers.delivery === 'immediate')
    return <AcmeRun state={acme} command={edgewizImmediateCommand(answers.certificateType === 'externalEdge')} onRetry={onRetry} />;
  const stageKey = (stage: string) => `wiz.run.stage.${stage === 'building-request' ? 'building' : stage}` as MessageKey;
  const current = run.status === 'running' ? run.progress : run.status === 'done' ? { stage: 'done' as const, percent: 100 } : null;
  return (
    <>
      {current && (
        <Box sx={{ display: 'grid', gap: 1 }} data-testid="run-progress">
          <LinearProgress variant="determinate" value={current.percent} aria-label={t('wiz.run.title')} />
          <Box component="ol" sx={{ m: 0, pl: 3 }}>
            {requestStages.map((stage) => {
              const reached = requestStages.indexOf(stage) <= requestStages.indexOf(current.stage);
              return (
                <Typography
                  component="li"
                  key={stage}
                  color={reached ? 'text.primary' : 'text.disabled'}
                  sx={{ fontWeight: stage === current.stage ? 600 : 400 }}
                >
                  {t(stageKey(stage))}
                </Typography>
              );
            })}
          </Box>
        </Box>
      )}
      {run.status === 'done' && <Alert severity="success">{t('wiz.run.done')}</Alert>}
      {run.status === 'failed' && (
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={onRetry}>
              {t('wiz.run.retry')}
            </Button>
          }
          data-testid="run-failed"
        >
          {t('wiz.run.failed')} {run.message}
        </Alert>
      )}
      {run.status === 'done' && <RunLog commands={[run.result.commands.edgewiz, run.result.commands.powershell]} />}
    </>
  );
}
