import { startTransition, useEffect, useRef, useState, type ChangeEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { toUnicodeName } from '../../../shared/domain/dns-name';
import type { GatewayStatus, PartnersApplied } from '../../../shared/gateway/types';
import { prosodyPolicy } from '../../../shared/partners/gateway-policy';
import { negotiationVerdict, type Partner } from '../../../shared/partners/partner';
import { RpcError } from '../../../shared/rpc/protocol';
import { useRpc } from '../AppContext';
import { isMessageKey, useI18n } from '../i18n/i18n';
import { errorText, issueText } from '../i18n/issue-text';
import { downloadText } from '../download';
import { PartnerEditor } from './PartnerEditor';
import { errorMessage } from '../../../shared/errors';

export function PartnersPane() {
  const { t } = useI18n();
  const client = useRpc();
  const [partners, setPartners] = useState<Partner[]>([]);
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);
  // The editor opens and closes as a transition, in slices, so neither is one long task; what is on screen stays until the next view is ready.
  const openEditor = (partner: Partner | 'new') => startTransition(() => setEditing(partner));
  const [deleting, setDeleting] = useState<Partner | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [gateway, setGateway] = useState<GatewayStatus | null>(null);
  const [applied, setApplied] = useState<PartnersApplied | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void client.call('partners.list', {}).then(setPartners);
    void client.call('gateway.status', {}).then(setGateway);
    const stops = [
      client.on('partners.changed', setPartners),
      client.on('gateway.state', setGateway),
      // Every change reaches the gateway at once; this says how.
      client.on('gateway.applied', setApplied),
    ];
    return () => stops.forEach((stop) => stop());
  }, [client]);

  // What the embedded gateway enforces (and does not) is shown next to each partner.
  const policy = gateway?.driver === 'prosody' ? prosodyPolicy(partners) : null;

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setFailure(null);
    let content: unknown;
    try {
      content = JSON.parse(await file.text());
    } catch (error) {
      setFailure(t('partners.notJson', { file: file.name, reason: errorMessage(error) }));
      return;
    }
    try {
      const list = Array.isArray(content) ? content : [content];
      await client.call('partners.import', { partners: list as never });
      setNotice(t('partners.imported', { count: list.length }));
    } catch (error) {
      const detail =
        error instanceof RpcError && error.issues.length > 0
          ? error.issues.map((i) => `${i.path.join('.')}: ${issueText(t, i)}`).join(' · ')
          : errorText(t, error);
      setFailure(`${t('partners.importFailed')} ${detail}`);
    }
  };

  const exportAs = async (format: 'json' | 'powershell') => {
    const exported = await client.call('partners.export', { format });
    downloadText(exported.text, exported.fileName);
  };

  const remove = async (partner: Partner) => {
    setDeleting(null);
    await client.call('partners.remove', { domain: partner.domain });
    setNotice(t('partners.deleted', { domain: toUnicodeName(partner.domain) }));
  };

  return (
    <Box sx={{ display: 'grid', gap: 1.5 }} data-testid="partners-pane">
      <Typography variant="body2" color="text.secondary">
        {t('partners.intro')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <Button variant="contained" size="small" onClick={() => openEditor('new')} data-testid="partner-new">
          {t('partners.new')}
        </Button>
        <Button size="small" onClick={() => fileInput.current?.click()}>
          {t('partners.import')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={(event) => void importFile(event)}
          data-testid="partner-import-file"
        />
        <Button size="small" onClick={() => void exportAs('json')} disabled={partners.length === 0}>
          {t('partners.exportJson')}
        </Button>
        <Button size="small" onClick={() => void exportAs('powershell')} disabled={partners.length === 0} data-testid="partner-export-ps">
          {t('partners.exportPowerShell')}
        </Button>
      </Box>
      {failure && (
        <Alert severity="error" onClose={() => setFailure(null)}>
          {failure}
        </Alert>
      )}
      {applied && (
        <Alert
          severity={applied.outcome === 'failed' ? 'error' : applied.outcome === 'reloaded' ? 'success' : 'info'}
          onClose={() => setApplied(null)}
          data-testid="partner-applied"
        >
          {t(`partners.applied.${applied.outcome}`, {
            driver: applied.driver,
            reason: applied.reason
              ? issueText(t, { reason: applied.reason, params: applied.params, message: applied.message ?? '' })
              : (applied.message ?? ''),
          })}
        </Alert>
      )}
      {partners.length === 0 && (
        <Typography color="text.secondary" sx={{ fontStyle: 'italic' }}>
          {t('partners.empty')}
        </Typography>
      )}
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1 }} data-testid="partner-list">
        {partners.map((partner) => {
          const verdict = negotiationVerdict(partner.tlsNegotiation, partner.saslNegotiation, partner.supportDialbackNegotiation);
          const verdictKey = verdict.level === 'clean' ? '' : `reason.${verdict.reason}`;
          const name = toUnicodeName(partner.domain);
          return (
            <Paper
              component="li"
              variant="outlined"
              key={partner.domain}
              sx={{ p: 1.5, display: 'grid', gap: 0.75 }}
              data-testid={`partner-${partner.domain}`}
            >
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                <Typography sx={{ fontWeight: 600, flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>{name}</Typography>
                {verdict.level !== 'clean' && (
                  <Tooltip title={isMessageKey(verdictKey) ? t(verdictKey) : verdict.message}>
                    <WarningAmberIcon
                      color="warning"
                      fontSize="small"
                      aria-label={isMessageKey(verdictKey) ? t(verdictKey) : verdict.message}
                    />
                  </Tooltip>
                )}
                <IconButton size="small" aria-label={`${t('partners.edit')} ${name}`} onClick={() => openEditor(partner)}>
                  <EditOutlinedIcon fontSize="small" />
                </IconButton>
                <IconButton size="small" aria-label={`${t('partners.delete')} ${name}`} onClick={() => setDeleting(partner)}>
                  <DeleteOutlinedIcon fontSize="small" />
                </IconButton>
              </Box>
              <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                <Chip
                  size="small"
                  label={t(`partners.type.${partner.partnerType}`)}
                  color={partner.partnerType === 'Federated' ? 'primary' : 'default'}
                />
                <Chip size="small" variant="outlined" label={`TLS ${t(`partners.negotiation.${partner.tlsNegotiation}`)}`} />
                <Chip size="small" variant="outlined" label={`SASL ${t(`partners.negotiation.${partner.saslNegotiation}`)}`} />
                <Chip
                  size="small"
                  variant="outlined"
                  label={t(partner.supportDialbackNegotiation ? 'partners.dialback.on' : 'partners.dialback.off')}
                />
              </Box>
              {partner.additionalDomains.length > 0 && (
                <Typography variant="body2" color="text.secondary">
                  {partner.additionalDomains.map(toUnicodeName).join(', ')}
                </Typography>
              )}
              {policy?.enforced[partner.domain] && (
                <Box component="ul" sx={{ m: 0, pl: 2.5, fontSize: 13 }} aria-label={t('partners.enforced')} data-testid="partner-enforced">
                  {policy.enforced[partner.domain].map((key) => (
                    <li key={key}>{t(key)}</li>
                  ))}
                </Box>
              )}
              {policy?.notEnforced[partner.domain] && (
                <Box
                  component="ul"
                  sx={{ m: 0, pl: 2.5, color: 'text.secondary', fontSize: 13 }}
                  aria-label={t('partners.notEnforced')}
                  data-testid="partner-not-enforced"
                >
                  {policy.notEnforced[partner.domain].map((key) => (
                    <li key={key}>{t(key)}</li>
                  ))}
                </Box>
              )}
              {partner.description && (
                <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                  {partner.description}
                </Typography>
              )}
            </Paper>
          );
        })}
      </Box>
      {editing && (
        <PartnerEditor
          editing={editing === 'new' ? null : editing}
          others={partners.filter((p) => editing === 'new' || p.domain !== editing.domain)}
          onClose={(saved) => {
            startTransition(() => setEditing(null));
            if (saved) setNotice(t('partners.committed', { domain: toUnicodeName(saved.domain) }));
          }}
        />
      )}
      {deleting && (
        <Dialog open onClose={() => setDeleting(null)} aria-labelledby="partner-delete-title">
          <DialogTitle id="partner-delete-title">{t('partners.confirmDelete', { domain: toUnicodeName(deleting.domain) })}</DialogTitle>
          <DialogContent>
            <Typography>{t('partners.confirmDelete.body', { domain: toUnicodeName(deleting.domain) })}</Typography>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setDeleting(null)} autoFocus>
              {t('partners.cancel')}
            </Button>
            <Button color="error" variant="contained" onClick={() => void remove(deleting)} data-testid="partner-delete-confirm">
              {t('partners.delete')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
      <Snackbar open={notice !== null} autoHideDuration={4000} onClose={() => setNotice(null)} message={notice} />
    </Box>
  );
}
