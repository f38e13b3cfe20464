import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import type { AcmeStatus } from '../../../shared/acme/acme';
import { useRpc } from '../AppContext';
import { useI18n } from '../i18n/i18n';
import type { WizardAnswers } from './wizard-model';

/** Page 2: prepare a request file, or order from the ACME CA now (only once an account and a challenge are configured). */
export function DeliveryChoice({ answers, setAnswers }: { answers: WizardAnswers; setAnswers: Dispatch<SetStateAction<WizardAnswers>> }) {
  const { t } = useI18n();
  const client = useRpc();
  const [status, setStatus] = useState<AcmeStatus | null>(null);
  useEffect(() => {
    let live = true;
    client
      .call('acme.status', {})
      .then((result) => live && setStatus(result))
      .catch(() => live && setStatus(null));
    return () => {
      live = false;
    };
  }, [client]);
  const ready = status?.ready === true && answers.certificateType === 'externalEdge';
  // A draft saved while the CA was configured must not keep a choice that is no longer offered.
  useEffect(() => {
    if (status && !ready && answers.delivery === 'immediate') setAnswers((current) => ({ ...current, delivery: 'delayed' }));
  }, [status, ready, answers.delivery, setAnswers]);
  const challenge = status?.challenge === 'dns-01' ? `dns-01, ${status.dns?.server ?? ''}` : `http-01, ${status?.http?.port ?? ''}`;
  return (
    <RadioGroup
      value={answers.delivery}
      onChange={(event) =>
        setAnswers((current) => ({ ...current, delivery: event.target.value === 'immediate' ? 'immediate' : 'delayed' }))
      }
      aria-label={t('wiz.delay.title')}
    >
      <FormControlLabel value="delayed" control={<Radio />} label={t('wiz.delay.delayed')} data-testid="delivery-delayed" />
      <FormHelperText sx={{ ml: 4, mt: -0.5, mb: 1 }}>{t('wiz.delay.delayed.help')}</FormHelperText>
      <FormControlLabel
        value="immediate"
        control={<Radio />}
        label={t('wiz.delay.immediate')}
        disabled={!ready}
        data-testid="delivery-immediate"
      />
      <FormHelperText sx={{ ml: 4, mt: -0.5 }} data-testid="delivery-immediate-help">
        {status === null
          ? t('acme.delay.checking')
          : ready
            ? t('acme.delay.ready', { directory: status.account?.directory ?? '', challenge })
            : t('acme.delay.reason')}
      </FormHelperText>
    </RadioGroup>
  );
}
