import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import { useI18n } from '../../i18n/i18n';
import { withCertificateType, type WizardAnswers } from '../wizard-model';
import { Intro } from './parts';
import type { WizardPageProps } from './types';

/** Page 1: the external edge or the edge internal certificate. */
export function TypePage({ answers, setAnswers, topology, documents }: WizardPageProps) {
  const { t } = useI18n();
  return (
    <>
      <Intro>{t('wiz.type.intro')}</Intro>
      <RadioGroup
        value={answers.certificateType}
        onChange={(event) =>
          setAnswers((current) => withCertificateType(current, event.target.value as WizardAnswers['certificateType'], topology, documents))
        }
        aria-label={t('wiz.type.intro')}
      >
        {(['externalEdge', 'edgeInternal'] as const).map((usage) => (
          <Box key={usage} sx={{ mb: 1 }}>
            <FormControlLabel value={usage} control={<Radio />} label={t(`cert.usage.${usage}`)} data-testid={`type-${usage}`} />
            <FormHelperText sx={{ ml: 4, mt: -0.5 }}>{t(`wiz.type.${usage}.help`)}</FormHelperText>
          </Box>
        ))}
      </RadioGroup>
    </>
  );
}
