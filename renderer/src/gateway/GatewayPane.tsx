import { useEffect, useRef, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip, { type ChipProps } from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import StopIcon from '@mui/icons-material/Stop';
import SyncIcon from '@mui/icons-material/Sync';
import type { GatewayState, GatewayStatus, ProbeResult } from '../../../shared/gateway/types';
import { useRpc } from '../AppContext';
import { useI18n, type Translate } from '../i18n/i18n';
import { SessionsList } from './SessionsList';
import { errorText, issueText } from '../i18n/issue-text';
import { GatewaySettingsForm } from './GatewaySettingsForm';
import { errorMessage } from '../../../shared/errors';

const LOG_LINES = 200;

const chipColors: Record<GatewayState, ChipProps['color']> = {
  'not-installed': 'warning',
  stopped: 'default',
  starting: 'info',
  running: 'success',
  stopping: 'info',
  crashed: 'error',
};

function duration(ms: number, t: Translate): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const [d, h, m] = [Math.floor(s / 86400), Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60];
  if (d > 0) return t('gw.duration.d', { d, h });
  if (h > 0) return t('gw.duration.h', { h, m });
  if (m > 0) return t('gw.duration.m', { m, s: s % 60 });
  return t('gw.duration.s', { s });
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere' }} data-testid={testId}>
        {children}
      </Typography>
    </>
  );
}

function ProbeView({ probe, locale }: { probe: ProbeResult | null; locale: string }) {
  const { t } = useI18n();
  if (!probe)
    return (
      <Typography variant="body2" color="text.secondary">
        {t('gw.probe.none')}
      </Typography>
    );
  const time = new Date(probe.at).toLocaleTimeString(locale);
  const features = probe.tls?.features ?? probe.features;
  const starttls = probe.features?.starttls
    ? t(probe.features.starttlsRequired ? 'gw.probe.starttls.required' : 'gw.probe.starttls.optional')
    : t('gw.probe.starttls.absent');
  return (
    <Box data-testid="gateway-probe">
      <Typography variant="body2" color={probe.ok ? 'success.main' : 'error.main'} sx={{ mb: 0.5 }}>
        {probe.ok
          ? t('gw.probe.ok', { ms: probe.durationMs, time })
          : t('gw.probe.failed', {
              time,
              error: probe.reason
                ? issueText(t, { reason: probe.reason, params: probe.params, message: probe.error ?? '' })
                : (probe.error ?? ''),
            })}
      </Typography>
      {probe.policyRefusal && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }} data-testid="gateway-probe-policy">
          {t('gw.probe.policyRefusal', { reason: probe.policyRefusal })}
        </Typography>
      )}
      {probe.features && (
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.25, m: 0 }}>
          <Row label={t('gw.probe.starttls')}>{starttls}</Row>
          <Row label={t('gw.probe.dialback')}>{t(probe.features.dialback ? 'gw.probe.yes' : 'gw.probe.no')}</Row>
          <Row label={t('gw.probe.sasl')}>{features?.saslMechanisms.length ? features.saslMechanisms.join(', ') : '—'}</Row>
          {probe.tls?.certificate && (
            <Row label={t('gw.probe.certificate')}>
              {probe.tls.certificate.sans.join(', ') || probe.tls.certificate.subject}
              <Box component="span" sx={{ display: 'block', fontFamily: 'monospace', fontSize: 11, color: 'text.secondary' }}>
                SHA-256 {probe.tls.certificate.fingerprint256}
              </Box>
            </Row>
          )}
        </Box>
      )}
    </Box>
  );
}

/** The gateway service manager: state, uptime, port, driver, TLS, the actions, the last probe and a live log. */
export function GatewayPane() {
  const { t, locale } = useI18n();
  const client = useRpc();
  const [status, setStatus] = useState<GatewayStatus | null>(null);
  const [lines, setLines] = useState<string[]>([]);
  const [working, setWorking] = useState(false);
  /** The last action's failure: its text, and the core's English to recognise it in the status. */
  const [failure, setFailure] = useState<{ text: string; raw: string } | null>(null);
  const fail = (error: unknown) => setFailure({ text: errorText(t, error), raw: errorMessage(error) });
  const [now, setNow] = useState(() => Date.now());
  const logBox = useRef<HTMLPreElement>(null);

  useEffect(() => {
    void client.call('gateway.status', {}).then(setStatus).catch(fail);
    void client.call('gateway.logs', { lines: LOG_LINES }).then((log) => setLines(log.lines));
    const stops = [
      client.on('gateway.state', setStatus),
      client.on('gateway.log', (log) => setLines((current) => [...current, ...log.lines].slice(-LOG_LINES))),
    ];
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      stops.forEach((stop) => stop());
      clearInterval(timer);
    };
  }, [client]);

  useEffect(() => {
    const box = logBox.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [lines]);

  const run = (method: 'gateway.start' | 'gateway.stop' | 'gateway.restart' | 'gateway.reload') => {
    setWorking(true);
    setFailure(null);
    client
      .call(method, {})
      .then(setStatus)
      .catch(fail)
      .finally(() => setWorking(false));
  };

  const state = status?.state;
  const busy = working || status?.busy === true || state === 'starting' || state === 'stopping';
  const canStart = !busy && (state === 'stopped' || state === 'crashed');
  const canStop = !busy && state === 'running';
  const canRestart = !busy && (state === 'running' || state === 'crashed');
  const canReload = !busy && state === 'running';

  return (
    <Box sx={{ display: 'grid', gap: 2 }} data-testid="gateway-pane">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        {status && (
          <Chip
            label={t(`gw.state.${status.state}`)}
            color={chipColors[status.state]}
            variant={status.state === 'stopped' ? 'outlined' : 'filled'}
            data-testid="gateway-state"
            data-state={status.state}
          />
        )}
        {status?.state === 'running' && status.since && (
          <Typography variant="body2" color="text.secondary" data-testid="gateway-uptime">
            {t('gw.uptime')}: {duration(now - new Date(status.since).getTime(), t)}
          </Typography>
        )}
      </Box>

      {/* The failure of the admin's own action is shown below it; the status repeats it only for others. */}
      {status?.message && status.state !== 'running' && status.message !== failure?.raw && (
        <Alert
          severity={status.state === 'crashed' ? 'error' : status.state === 'not-installed' ? 'warning' : 'info'}
          data-testid="gateway-message"
        >
          {status.reason ? issueText(t, { reason: status.reason, params: status.params, message: status.message }) : status.message}
          {status.logTail && status.logTail.length > 0 && (
            <Box component="pre" sx={{ m: 0, mt: 1, fontSize: 11, whiteSpace: 'pre-wrap', maxHeight: 120, overflow: 'auto' }}>
              {status.logTail.slice(-6).join('\n')}
            </Box>
          )}
        </Alert>
      )}

      {status && (
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
          <Row label={t('gw.driver')}>{t(`gw.driver.${status.driver}`)}</Row>
          <Row label={t('gw.port')} testId="gateway-port">
            {status.port}
          </Row>
          {status.pid !== null && <Row label={t('gw.pid')}>{status.pid}</Row>}
          {status.since && <Row label={t('gw.since')}>{new Date(status.since).toLocaleString(locale)}</Row>}
          <Row label={t('gw.tls')} testId="gateway-tls">
            {status.tls.configured && status.tls.certificate
              ? t('gw.tls.on', { date: new Date(status.tls.certificate.validTo).toLocaleDateString(locale) })
              : status.tls.configured
                ? issueText(t, status.tls)
                : t('gw.tls.off')}
          </Row>
        </Box>
      )}

      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <Button
          variant="contained"
          startIcon={<PlayArrowIcon />}
          disabled={!canStart}
          onClick={() => run('gateway.start')}
          data-testid="gateway-start"
        >
          {t('gw.start')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<StopIcon />}
          disabled={!canStop}
          onClick={() => run('gateway.stop')}
          data-testid="gateway-stop"
        >
          {t('gw.stop')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<RestartAltIcon />}
          disabled={!canRestart}
          onClick={() => run('gateway.restart')}
          data-testid="gateway-restart"
        >
          {t('gw.restart')}
        </Button>
        {/* Rereads the configuration (partners, trusted roots, a renewed certificate) without dropping other streams. */}
        <Button
          variant="outlined"
          startIcon={<SyncIcon />}
          disabled={!canReload}
          onClick={() => run('gateway.reload')}
          data-testid="gateway-reload"
        >
          {t('gw.reload')}
        </Button>
      </Box>
      {busy && (
        <Typography variant="body2" color="text.secondary" role="status">
          {t('gw.working')}
        </Typography>
      )}
      {failure && (
        <Alert severity="error" onClose={() => setFailure(null)} data-testid="gateway-failure">
          <strong>{t('gw.failed')}</strong>
          <Box
            component="pre"
            sx={{ m: 0, mt: 0.5, fontFamily: 'inherit', fontSize: 13, whiteSpace: 'pre-wrap', maxHeight: 160, overflow: 'auto' }}
          >
            {failure.text}
          </Box>
        </Alert>
      )}

      <Divider />
      <GatewaySettingsForm state={state} />

      <Divider />
      <Box>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          {t('gw.probe')}
        </Typography>
        <ProbeView probe={status?.probe ?? null} locale={locale} />
      </Box>

      <Divider />
      <SessionsList running={state === 'running' && status?.driver === 'prosody'} />

      <Divider />
      <Box>
        <Typography variant="subtitle2" component="h3" gutterBottom id="gateway-log-title">
          {t('gw.log')}
        </Typography>
        <Box
          component="pre"
          ref={logBox}
          role="log"
          aria-labelledby="gateway-log-title"
          tabIndex={0}
          data-testid="gateway-log"
          sx={{
            m: 0,
            p: 1,
            height: 220,
            overflow: 'auto',
            fontSize: 11,
            lineHeight: 1.45,
            whiteSpace: 'pre-wrap',
            overflowWrap: 'anywhere',
            bgcolor: 'action.hover',
            borderRadius: 1,
          }}
        >
          {lines.length ? lines.join('\n') : t('gw.log.empty')}
        </Box>
      </Box>
    </Box>
  );
}
