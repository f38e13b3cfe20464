import { useCallback, useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { GatewaySession } from '../../../shared/gateway/sessions';
import { useRpc } from '../AppContext';
import { useI18n } from '../i18n/i18n';
import { errorText } from '../i18n/issue-text';

/** How often the list is reread while the gateway runs: live enough; each read is one admin-socket connection, which Prosody logs. */
const REFRESH_MS = 5_000;

/** The running gateway's server-to-server sessions, reread every few seconds; each remote domain can be closed. */
export function SessionsList({ running }: { running: boolean }) {
  const { t, locale } = useI18n();
  const client = useRpc();
  const [sessions, setSessions] = useState<GatewaySession[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [closing, setClosing] = useState<string | null>(null);

  const refresh = useCallback(() => {
    client
      .call('gateway.sessions', {})
      .then((result) => {
        setSessions(result.sessions);
        setFailure(null);
      })
      .catch((error: unknown) => setFailure(errorText(t, error)));
  }, [client, t]);

  useEffect(() => {
    if (!running) {
      setSessions(null);
      return;
    }
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

  const close = (domain: string) => {
    setClosing(domain);
    client
      .call('gateway.disconnect', { domain })
      .then((result) => setNotice(t('gw.sessions.closed', { count: result.closed, domain })))
      .catch((error: unknown) => setFailure(errorText(t, error)))
      .finally(() => {
        setClosing(null);
        refresh();
      });
  };

  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : '—');

  return (
    <Box data-testid="gateway-sessions" sx={{ minWidth: 0 }}>
      <Typography variant="subtitle2" component="h3" gutterBottom id="gateway-sessions-title">
        {t('gw.sessions')}
      </Typography>
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)} sx={{ mb: 1 }} data-testid="gateway-sessions-notice">
          {notice}
        </Alert>
      )}
      {failure && running && (
        <Alert severity="error" onClose={() => setFailure(null)} sx={{ mb: 1 }} data-testid="gateway-sessions-failure">
          {failure}
        </Alert>
      )}
      {!running ? (
        <Typography variant="body2" color="text.secondary">
          {t('gw.sessions.stopped')}
        </Typography>
      ) : sessions && sessions.length === 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="gateway-sessions-none">
          {t('gw.sessions.none')}
        </Typography>
      ) : sessions ? (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-labelledby="gateway-sessions-title" sx={{ '& th, & td.nowrap': { whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('gw.sessions.remote')}</TableCell>
                <TableCell>{t('gw.sessions.direction')}</TableCell>
                <TableCell>{t('gw.sessions.local')}</TableCell>
                <TableCell>{t('gw.sessions.since')}</TableCell>
                <TableCell>{t('gw.sessions.encrypted')}</TableCell>
                <TableCell>{t('gw.sessions.auth')}</TableCell>
                <TableCell>{t('gw.sessions.partner')}</TableCell>
                <TableCell>{t('gw.sessions.stanzas')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {sessions.map((s, index) => {
                const cert = s.tls?.peerCertificate;
                return (
                  <TableRow
                    key={`${s.remoteDomain ?? ''}-${s.direction}-${index}`}
                    data-testid="gateway-session"
                    data-remote={s.remoteDomain ?? ''}
                    data-direction={s.direction}
                  >
                    <TableCell>{s.remoteDomain ?? '—'}</TableCell>
                    <TableCell className="nowrap">
                      {t(s.direction === 'incoming' ? 'gw.sessions.incoming' : 'gw.sessions.outgoing')}
                    </TableCell>
                    <TableCell>{s.localDomain ?? '—'}</TableCell>
                    <TableCell>{time(s.since)}</TableCell>
                    <TableCell>{s.tls ? `${s.tls.protocol ?? ''} ${s.tls.cipher ?? ''}`.trim() : t('gw.sessions.unencrypted')}</TableCell>
                    <TableCell data-testid="gateway-session-auth">
                      {t(s.authenticated ? `gw.sessions.auth.${s.authenticated}` : 'gw.sessions.auth.none')}
                      {cert && s.authenticated === 'EXTERNAL' && (
                        <Box component="span" sx={{ display: 'block', fontSize: 11, color: 'text.secondary' }}>
                          {t('gw.sessions.certificate', {
                            names: cert.names.join(', '),
                            from: time(cert.notBefore),
                            to: time(cert.notAfter),
                          })}
                        </Box>
                      )}
                    </TableCell>
                    <TableCell>
                      {s.partner ? (
                        <>
                          {s.partner.domain}
                          <Box component="span" sx={{ display: 'block', fontSize: 11, color: 'text.secondary' }}>
                            {t('gw.sessions.partner.settings', {
                              tls: s.partner.tls,
                              sasl: s.partner.sasl,
                              dialback: t(s.partner.dialback ? 'gw.sessions.yes' : 'gw.sessions.no'),
                            })}
                          </Box>
                        </>
                      ) : (
                        t('gw.sessions.partner.none')
                      )}
                      <Box component="span" sx={{ display: 'block', fontSize: 11, color: s.meetsPolicy ? 'success.main' : 'error.main' }}>
                        {t(s.meetsPolicy ? 'gw.sessions.meets' : 'gw.sessions.violates')}
                      </Box>
                    </TableCell>
                    <TableCell className="nowrap">
                      {s.stanzasIn} / {s.stanzasOut}
                    </TableCell>
                    <TableCell>
                      {s.remoteDomain && (
                        <Button
                          size="small"
                          variant="outlined"
                          color="warning"
                          disabled={closing !== null}
                          aria-label={t('gw.sessions.closeLabel', { domain: s.remoteDomain })}
                          onClick={() => close(s.remoteDomain!)}
                          data-testid="gateway-session-close"
                        >
                          {t('gw.sessions.close')}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      ) : null}
    </Box>
  );
}
