import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import {
  displayName,
  EXPIRY_WARNING_DAYS,
  isInstalled,
  MAX_IMPORT_BYTES,
  type CertificateEntry,
  type CertificateView,
  type ImportResult,
} from '../../../shared/certificates';
import { RpcError } from '../../../shared/rpc/protocol';
import { useRpc } from '../AppContext';
import { downloadText } from '../download';
import { useI18n } from '../i18n/i18n';
import { errorText } from '../i18n/issue-text';
import { findingText } from './lint-text';

/** Colon-separated pairs, as certificate viewers show fingerprints. */
const pairs = (hex: string) => hex.match(/.{2}/g)?.join(':') ?? hex;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportDialog({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: (result: ImportResult) => void;
}) {
  const { t } = useI18n();
  const client = useRpc();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [exportable, setExportable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isPfx = file !== null && /\.(pfx|p12)$/i.test(file.name);

  useEffect(() => {
    if (!open) {
      setFile(null);
      setPassword('');
      setExportable(false);
      setError(null);
    }
  }, [open]);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      if (file.size > MAX_IMPORT_BYTES)
        throw new Error(`${file.name}: ${Math.round(file.size / 1024)} KB — a certificate file is a few KB.`);
      const content = toBase64(new Uint8Array(await file.arrayBuffer()));
      const result = await client.call('certificates.import', {
        content,
        name: file.name,
        ...(password !== '' ? { password } : {}),
        ...(isPfx ? { exportable } : {}),
      });
      onImported(result);
    } catch (caught) {
      setError(errorText(t, caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="import-title">
      <DialogTitle id="import-title">{t('cert.import.title')}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2 }}>
        <Typography color="text.secondary">{t('cert.import.intro')}</Typography>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <Button variant="outlined" onClick={() => input.current?.click()} disabled={busy}>
            {t('cert.import.choose')}
          </Button>
          <input
            ref={input}
            type="file"
            hidden
            accept=".cer,.crt,.pem,.der,.p7b,.p7c,.pfx,.p12"
            data-testid="import-file"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setError(null);
            }}
          />
          <Typography data-testid="import-file-name" sx={{ wordBreak: 'break-all' }}>
            {file ? file.name : t('cert.import.noFile')}
          </Typography>
        </Box>
        {isPfx && (
          <>
            <TextField
              type="password"
              label={t('cert.import.password')}
              helperText={t('cert.import.password.help')}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              autoComplete="off"
              slotProps={{ htmlInput: { 'data-testid': 'import-password' } }}
            />
            <FormControlLabel
              control={<Checkbox checked={exportable} onChange={(event) => setExportable(event.target.checked)} />}
              label={t('cert.import.exportable')}
            />
          </>
        )}
        {error && (
          <Alert severity="error" data-testid="import-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('cert.cancel')}
        </Button>
        <Button
          variant="contained"
          onClick={() => void submit()}
          disabled={!file || busy}
          data-testid="import-submit"
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          {busy ? t('cert.import.working') : t('cert.import.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary" sx={{ fontWeight: 600 }}>
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, wordBreak: 'break-word' }}>
        {children}
      </Typography>
    </>
  );
}

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.85em' } as const;

/** The request's PEM to hand to the CA again, as the wizard's last page shows it. */
function CsrText({ pem, fileName }: { pem: string; fileName: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<string | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(pem).then(
      () => setCopied(t('wiz.csr.copied')),
      () => setCopied(t('wiz.csr.copyFailed')),
    );
  };
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 2, mb: 1 }}>
        <Typography variant="subtitle2" component="h3" sx={{ flex: 1 }}>
          {t('wiz.csr.pem')}
        </Typography>
        <Button variant="outlined" size="small" onClick={copy} data-testid="view-copy-csr">
          {t('wiz.csr.copy')}
        </Button>
        <Button variant="outlined" size="small" onClick={() => downloadText(pem, fileName)} data-testid="view-save-csr">
          {t('cert.view.saveCsr')}
        </Button>
      </Box>
      <Box
        component="pre"
        tabIndex={0}
        data-testid="view-csr-pem"
        sx={{ ...mono, m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, maxHeight: 220, overflow: 'auto' }}
      >
        {pem}
      </Box>
      <Snackbar open={copied !== null} autoHideDuration={3000} onClose={() => setCopied(null)} message={copied} />
    </>
  );
}

export function ViewDialog({ view, onClose }: { view: CertificateView | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const titleId = useId();
  if (!view) return null;
  const { entry } = view;
  const date = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{t('cert.view.title', { name: entry.friendlyName })}</DialogTitle>
      <DialogContent data-testid="view-dialog">
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '200px 1fr' }, columnGap: 2, rowGap: 1, m: 0 }}>
          <Row label={t('cert.view.state')}>
            {t(`cert.state.${entry.state}`)} · {t(`cert.usage.${entry.usage}`)}
          </Row>
          <Row label={t('cert.view.subject')}>{entry.subject}</Row>
          <Row label={t('cert.view.sans')}>{entry.sans.map(displayName).join(', ')}</Row>
          {isInstalled(entry) ? (
            <>
              <Row label={t('cert.view.issuer')}>{entry.issuer}</Row>
              <Row label={t('cert.view.validity')}>
                {t('cert.view.validityRange', { from: date(entry.notBefore), to: date(entry.notAfter) })}
                {view.daysLeft !== null && <ExpiryText notAfter={entry.notAfter} daysLeft={view.daysLeft} />}
              </Row>
              <Row label={t('cert.view.serial')}>
                <Box component="span" sx={mono}>
                  {entry.serial}
                </Box>
              </Row>
              <Row label={t('cert.view.sha1')}>
                <Box component="span" sx={mono} data-testid="view-sha1">
                  {entry.sha1}
                </Box>
              </Row>
              <Row label={t('cert.view.sha256')}>
                <Box component="span" sx={mono}>
                  {pairs(entry.sha256)}
                </Box>
              </Row>
              <Row label={t('cert.view.keySize')}>{t('cert.view.bits', { n: entry.keySize })}</Row>
              <Row label={t('cert.view.exportable')}>{entry.exportable ? t('wiz.summary.yes') : t('wiz.summary.no')}</Row>
              <Row label={t('cert.view.chain')}>
                <Box component="ol" sx={{ m: 0, pl: 2.5 }} data-testid="view-chain">
                  <li>{entry.subject}</li>
                  {entry.chain.map((link) => (
                    <li key={link.sha1}>
                      {link.subject}
                      {link.selfSigned && <Chip size="small" label={t('cert.view.root')} sx={{ ml: 1 }} />}
                    </li>
                  ))}
                </Box>
              </Row>
              {view.gatewayFiles && (
                <Row label={t('cert.view.gatewayFiles')}>
                  <Box component="span" sx={mono}>
                    {view.gatewayFiles.certificate}
                    <br />
                    {view.gatewayFiles.key}
                  </Box>
                </Row>
              )}
            </>
          ) : (
            <>
              <Row label={t('cert.view.keySize')}>{t('cert.view.bits', { n: entry.keySize })}</Row>
              <Row label={t('cert.view.request')}>{entry.out}</Row>
              <Row label={t('cert.view.publicKey')}>
                <Box component="span" sx={mono}>
                  {entry.publicKeySha256}
                </Box>
              </Row>
            </>
          )}
        </Box>
        {!isInstalled(entry) && <CsrText pem={entry.csrPem} fileName={entry.out.split(/[\\/]/).pop() || 'request.req'} />}
        <Typography variant="subtitle2" component="h3" sx={{ mt: 2, mb: 1 }}>
          {t('cert.view.checks')}
        </Typography>
        {!isInstalled(entry) ? (
          <Typography variant="body2">{t('cert.view.pendingNote')}</Typography>
        ) : view.findings.length === 0 ? (
          <Alert severity="success">{t('cert.view.clean')}</Alert>
        ) : (
          <Box sx={{ display: 'grid', gap: 1 }}>
            {view.findings.map((finding, index) => (
              <Alert key={index} severity={finding.severity}>
                {findingText(finding, locale, t)}
              </Alert>
            ))}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained" data-testid="view-close">
          {t('cert.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Days left, turning into a warning from 30 days before expiry. */
export function ExpiryText({ notAfter, daysLeft }: { notAfter: string; daysLeft: number }) {
  const { t, locale } = useI18n();
  const date = new Date(notAfter).toLocaleDateString(locale, { dateStyle: 'medium' });
  if (daysLeft < 0)
    return (
      <Typography component="span" variant="body2" color="error" sx={{ display: 'block', fontWeight: 600 }}>
        {t('cert.expired', { date })}
      </Typography>
    );
  if (daysLeft < EXPIRY_WARNING_DAYS)
    return (
      <Typography
        component="span"
        variant="body2"
        color="warning.main"
        sx={{ display: 'block', fontWeight: 600 }}
        data-testid="expiry-warning"
      >
        {t('cert.expiresSoon', { date, days: daysLeft })}
      </Typography>
    );
  return (
    <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
      {t('cert.expires', { date, days: daysLeft })}
    </Typography>
  );
}

export function RemoveDialog({
  entry,
  onClose,
  onRemoved,
}: {
  entry: CertificateEntry | null;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { t } = useI18n();
  const client = useRpc();
  const [deleteKey, setDeleteKey] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDeleteKey(false);
    setError(null);
  }, [entry]);
  if (!entry) return null;
  const submit = async () => {
    setBusy(true);
    try {
      await client.call('certificates.remove', { id: entry.id, deleteKey });
      onRemoved();
    } catch (caught) {
      setError(errorText(t, caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="remove-title">
      <DialogTitle id="remove-title">{t('cert.remove.title', { name: entry.friendlyName })}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 1.5 }}>
        <Typography>{t(entry.state === 'pending' ? 'cert.remove.pending' : 'cert.remove.installed')}</Typography>
        {entry.state === 'assigned' && <Alert severity="warning">{t('cert.remove.assigned')}</Alert>}
        <Box>
          <FormControlLabel
            control={
              <Checkbox
                checked={deleteKey}
                onChange={(event) => setDeleteKey(event.target.checked)}
                slotProps={{ input: { 'aria-describedby': 'remove-key-help' } }}
                data-testid="remove-delete-key"
              />
            }
            label={t('cert.remove.deleteKey')}
          />
          <FormHelperText id="remove-key-help">{t('cert.remove.keepKey')}</FormHelperText>
        </Box>
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('cert.cancel')}
        </Button>
        <Button color="error" variant="contained" onClick={() => void submit()} disabled={busy} data-testid="remove-confirm">
          {t('cert.remove.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function ExportDialog({
  entry,
  documents,
  onClose,
  onExported,
}: {
  entry: CertificateEntry | null;
  documents: string;
  onClose: () => void;
  onExported: (path: string) => void;
}) {
  const { t } = useI18n();
  const client = useRpc();
  const [out, setOut] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [legacy, setLegacy] = useState(false);
  const [overwrite, setOverwrite] = useState(false);
  const [exists, setExists] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!entry) return;
    const safe = entry.friendlyName.replace(/[^\p{L}\p{N} ._-]+/gu, '_').trim() || 'certificate';
    const sep = documents.includes('\\') ? '\\' : '/';
    setOut(`${documents}${sep}${safe}.pfx`);
    setPassword('');
    setConfirm('');
    setLegacy(false);
    setOverwrite(false);
    setError(null);
  }, [entry, documents]);
  if (!entry) return null;
  const mismatch = confirm !== '' && confirm !== password;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await client.call('certificates.export', { id: entry.id, out, password, legacy, overwrite });
      onExported(result.out);
    } catch (caught) {
      if (caught instanceof RpcError && caught.issues[0]?.reason === 'path.exists') setExists(true);
      setError(errorText(t, caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="export-title">
      <DialogTitle id="export-title">{t('cert.export.title', { name: entry.friendlyName })}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2 }}>
        <Typography color="text.secondary">{t('cert.export.intro')}</Typography>
        <TextField
          label={t('cert.export.out')}
          value={out}
          onChange={(event) => setOut(event.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'export-out' } }}
        />
        {exists && (
          <FormControlLabel
            control={<Checkbox checked={overwrite} onChange={(event) => setOverwrite(event.target.checked)} />}
            label={t('cert.export.overwrite')}
          />
        )}
        <TextField
          type="password"
          label={t('cert.export.password')}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="new-password"
          helperText={password === '' ? t('cert.export.required') : ' '}
          slotProps={{ htmlInput: { 'data-testid': 'export-password' } }}
        />
        <TextField
          type="password"
          label={t('cert.export.confirm')}
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
          autoComplete="new-password"
          error={mismatch}
          helperText={mismatch ? t('cert.export.mismatch') : ' '}
          slotProps={{ htmlInput: { 'data-testid': 'export-confirm' } }}
        />
        <Box>
          <FormControlLabel
            control={<Checkbox checked={legacy} onChange={(event) => setLegacy(event.target.checked)} />}
            label={t('cert.export.legacy')}
          />
          <FormHelperText>{t('cert.export.legacy.help')}</FormHelperText>
        </Box>
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('cert.cancel')}
        </Button>
        <Button
          variant="contained"
          onClick={() => void submit()}
          disabled={busy || password === '' || confirm !== password || out.trim() === ''}
          data-testid="export-submit"
        >
          {t('cert.export.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
