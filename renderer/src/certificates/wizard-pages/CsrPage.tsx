import { useContext, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import { displayName } from '../../../../shared/certificates';
import { HostContext, useRpc } from '../../AppContext';
import { useI18n } from '../../i18n/i18n';
import { Intro, KeyValues } from './parts';
import type { WizardPageProps } from './types';

/** Page 13: the request written, as PEM and decoded, to copy or find in its folder. */
export function CsrPage({ answers, run }: WizardPageProps) {
  const { t } = useI18n();
  const client = useRpc();
  const desktop = useContext(HostContext) === 'electron';
  const [copied, setCopied] = useState<string | null>(null);
  if (run.status !== 'done') return null;
  const { result } = run;
  const copy = () => {
    navigator.clipboard.writeText(result.csrPem).then(
      () => setCopied(t('wiz.csr.copied')),
      () => setCopied(t('wiz.csr.copyFailed')),
    );
  };
  return (
    <>
      <Intro>{t('wiz.csr.intro', { path: result.out })}</Intro>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {t('wiz.csr.decoded')}
      </Typography>
      <KeyValues
        testId="csr-decoded"
        rows={[
          [t('wiz.subject.subject'), result.subject],
          [t('wiz.subject.sans'), result.sans.map(displayName).join(', ')],
          [t('wiz.csr.keySize'), `RSA ${t('wiz.name.bits', { n: answers.keySize })}`],
          [t('wiz.csr.signature'), 'sha256WithRSAEncryption'],
          [t('wiz.csr.fingerprint'), <code key="fp">{result.publicKeySha256}</code>],
        ]}
      />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>
          {t('wiz.csr.pem')}
        </Typography>
        <Button variant="outlined" onClick={copy} data-testid="copy-csr">
          {t('wiz.csr.copy')}
        </Button>
        {desktop && (
          <Button variant="outlined" onClick={() => void client.call('desktop.showItemInFolder', { path: result.out })}>
            {t('wiz.csr.openFolder')}
          </Button>
        )}
      </Box>
      <Box
        component="pre"
        data-testid="csr-pem"
        tabIndex={0}
        sx={{ m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, fontSize: 12, maxHeight: 260, overflow: 'auto' }}
      >
        {result.csrPem}
      </Box>
      <Snackbar open={copied !== null} autoHideDuration={3000} onClose={() => setCopied(null)} message={copied} />
    </>
  );
}
