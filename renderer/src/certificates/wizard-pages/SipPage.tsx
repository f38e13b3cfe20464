import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import { toUnicodeName } from '../../../../shared/domain/dns-name';
import { useI18n } from '../../i18n/i18n';
import { Intro } from './parts';
import type { WizardPageProps } from './types';

/** Page 9: one box per SIP domain, each adding sip.<domain>. */
export function SipPage({ answers, setAnswers, topology }: WizardPageProps) {
  const { t } = useI18n();
  return (
    <>
      <Intro>{t('wiz.sip.intro')}</Intro>
      <Box sx={{ display: 'grid' }}>
        {topology.sipDomains.map((domain) => (
          <FormControlLabel
            key={domain}
            control={
              <Checkbox
                checked={answers.sipDomainSans.includes(domain)}
                onChange={(event) =>
                  setAnswers((current) => ({
                    ...current,
                    sipDomainSans: event.target.checked
                      ? topology.sipDomains.filter((d) => d === domain || current.sipDomainSans.includes(d))
                      : current.sipDomainSans.filter((d) => d !== domain),
                  }))
                }
              />
            }
            label={`sip.${toUnicodeName(domain)}`}
            data-testid={`sip-${domain}`}
          />
        ))}
      </Box>
    </>
  );
}
