import { useMemo } from 'react';
import Typography from '@mui/material/Typography';
import { formatSubject } from '../../../../shared/certificates';
import { useI18n } from '../../i18n/i18n';
import { Findings, Intro, KeyValues, SanList } from './parts';
import type { WizardPageProps } from './types';

/** Page 11: every answer, the subject and names, and the lint findings. */
export function SummaryPage({ answers, evaluation }: WizardPageProps) {
  const { t, locale } = useI18n();
  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: 'region' }), [locale]);
  const yesNo = (value: boolean) => t(value ? 'wiz.summary.yes' : 'wiz.summary.no');
  const country = answers.country ? `${regionNames.of(answers.country) ?? answers.country} (${answers.country})` : '—';
  return (
    <>
      <Intro>{t('wiz.summary.intro')}</Intro>
      <KeyValues
        testId="summary"
        rows={[
          [t('wiz.type.title'), t(`cert.usage.${answers.certificateType}`)],
          [t('wiz.file.label'), answers.out],
          [t('wiz.summary.template'), answers.useTemplate ? answers.templateName : t('wiz.summary.noTemplate')],
          [t('wiz.name.friendlyName'), answers.friendlyName],
          [t('wiz.name.bitLength'), t('wiz.name.bits', { n: answers.keySize })],
          [t('wiz.name.exportable'), yesNo(answers.exportable)],
          [t('wiz.org.organization'), answers.organization || '—'],
          [t('wiz.org.unit'), answers.organizationalUnit || '—'],
          [t('wiz.geo.country'), country],
          [t('wiz.geo.state'), answers.state || '—'],
          [t('wiz.geo.city'), answers.city || '—'],
          [t('wiz.subject.subject'), formatSubject(evaluation.subject) || '—'],
          [t('wiz.subject.sans'), <SanList key="sans" evaluation={evaluation} />],
        ]}
      />
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {t('wiz.summary.checks')}
      </Typography>
      <Findings evaluation={evaluation} />
    </>
  );
}
