import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import type { TrustedRoot } from '../../../shared/trust/rpc';
import { useRpc } from '../AppContext';
import { useI18n } from '../i18n/i18n';
import { errorText } from '../i18n/issue-text';

export interface RootOffer {
  sha256: string;
  subject: string;
  pem: string;
}

/** The admin's private roots, with add and remove; `offer` is a root an import just ended at. */
export function TrustedRootsPanel({ offer, onOfferDone }: { offer: RootOffer | null; onOfferDone: () => void }) {
  const { t, locale } = useI18n();
  const client = useRpc();
  const [roots, setRoots] = useState<TrustedRoot[]>([]);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void client.call('trust.list', {}).then(setRoots);
  }, [client]);

  const failed = (error: unknown) => {
    setMessage({ severity: 'error', text: errorText(t, error) });
  };

  const add = async (pem: string) => {
    try {
      const next = await client.call('trust.add', { pem });
      setMessage({ severity: 'success', text: t('trust.added', { count: next.length - roots.length || 1 }) });
      setRoots(next);
    } catch (error) {
      failed(error);
    }
  };

  const addFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) await add(await file.text());
  };

  const remove = async (root: TrustedRoot) => {
    try {
      setRoots(await client.call('trust.remove', { sha256: root.sha256 }));
      setMessage({ severity: 'success', text: t('trust.removed', { name: root.subject }) });
    } catch (error) {
      failed(error);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'grid', gap: 1 }} data-testid="trusted-roots">
      <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600 }}>
        {t('trust.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('trust.intro')}
      </Typography>
      {offer && (
        <Alert
          severity="warning"
          onClose={onOfferDone}
          action={
            <Button color="inherit" onClick={() => void add(offer.pem).then(onOfferDone)} data-testid="trust-offer-accept">
              {t('trust.offer.accept')}
            </Button>
          }
        >
          {t('trust.offer', { subject: offer.subject, sha256: offer.sha256 })}
        </Alert>
      )}
      {message && (
        <Alert severity={message.severity} onClose={() => setMessage(null)} data-testid="trust-message">
          {message.text}
        </Alert>
      )}
      {roots.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
          {t('trust.empty')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 0.5 }} data-testid="trusted-root-list">
          {roots.map((root) => (
            <Box component="li" key={root.sha256} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                  {root.subject} — {t('trust.validUntil', { date: new Date(root.notAfter).toLocaleDateString(locale) })}
                </Typography>
                <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
                  SHA-256 {root.sha256}
                </Typography>
              </Box>
              <IconButton size="small" aria-label={t('trust.remove', { name: root.subject })} onClick={() => void remove(root)}>
                <DeleteOutlinedIcon fontSize="small" />
              </IconButton>
            </Box>
          ))}
        </Box>
      )}
      <Box>
        <Button size="small" variant="outlined" onClick={() => fileInput.current?.click()} data-testid="trust-add">
          {t('trust.add')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".pem,.crt,.cer"
          hidden
          onChange={(event) => void addFile(event)}
          data-testid="trust-add-file"
        />
      </Box>
    </Paper>
  );
}
