import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import LinearProgress from '@mui/material/LinearProgress';
import { acmeSteps, type AcmeProgress, type AcmeStep } from '../../../shared/acme/acme';
import { renderProblem } from '../../../shared/acme/messages';
import { RunLog } from '../components/RunLog';
import { useI18n } from '../i18n/i18n';
import type { AcmeRunState } from './useAcmeOrder';

/** Per name, the latest state of each step (the whole order's steps on a row of their own). */
function byName(steps: AcmeProgress[]): Map<string | null, Map<AcmeStep, AcmeProgress>> {
  const rows = new Map<string | null, Map<AcmeStep, AcmeProgress>>();
  for (const step of steps) {
    const row = rows.get(step.name) ?? new Map<AcmeStep, AcmeProgress>();
    row.set(step.step, step);
    rows.set(step.name, row);
  }
  return rows;
}

/** The run page of an immediate request: a row per name with its steps, the result, and the equivalent commands. */
export function AcmeRun({ state, command, onRetry }: { state: AcmeRunState; command: string; onRetry: () => void }) {
  const { t, locale } = useI18n();
  const rows = byName(state.steps);
  const symbol = (progress: AcmeProgress | undefined) => (progress ? t(`acme.run.state.${progress.state}`) : '');
  const commands = state.steps.flatMap((step) => (step.command && step.state === 'running' ? [step.command] : []));
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }} data-testid="acme-run">
      {state.status === 'running' && <LinearProgress aria-label={t('wiz.run.title')} />}
      <Table size="small" data-testid="acme-progress">
        <TableHead>
          <TableRow>
            <TableCell>{t('acme.run.name')}</TableCell>
            <TableCell>{t('acme.run.steps')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {[...rows.entries()].map(([name, steps]) => (
            <TableRow key={name ?? ''} data-testid={`acme-row-${name ?? 'order'}`}>
              <TableCell component="th" scope="row" sx={{ verticalAlign: 'top', wordBreak: 'break-all' }}>
                {name ?? t('acme.run.order')}
              </TableCell>
              <TableCell>
                <Box component="ul" sx={{ m: 0, pl: 2 }}>
                  {acmeSteps
                    .filter((step) => steps.has(step))
                    .map((step) => (
                      <Box
                        component="li"
                        key={step}
                        data-testid={`acme-step-${name ?? 'order'}-${step}`}
                        data-state={steps.get(step)!.state}
                        sx={{
                          color:
                            steps.get(step)!.state === 'failed'
                              ? 'error.main'
                              : steps.get(step)!.state === 'done'
                                ? 'success.main'
                                : 'text.primary',
                        }}
                      >
                        {t(`acme.step.${step}`)}: {symbol(steps.get(step))}
                      </Box>
                    ))}
                </Box>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {state.status === 'done' && (
        <Alert severity="success" data-testid="acme-done">
          {t('acme.run.done', { date: state.result.notAfter.slice(0, 10) })} {state.result.reloaded ? t('acme.run.reloaded') : ''}
          {state.result.rollover?.rollover ? ` ${renderProblem(state.result.rollover.rollover.waiting, locale)}` : ''}
        </Alert>
      )}
      {state.status === 'failed' && (
        <Alert
          severity="error"
          data-testid="acme-failed"
          action={
            <Button color="inherit" onClick={onRetry}>
              {t('wiz.run.retry')}
            </Button>
          }
        >
          {t('acme.run.failed')} {renderProblem(state.problem, locale)}
        </Alert>
      )}
      {state.status !== 'running' && state.status !== 'idle' && <RunLog commands={[command, ...commands]} />}
    </Box>
  );
}
