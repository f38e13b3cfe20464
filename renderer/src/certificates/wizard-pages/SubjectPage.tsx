import { formatSubject } from '../../../../shared/certificates';
import { useI18n } from '../../i18n/i18n';
import { Intro, KeyValues, SanList } from './parts';
import type { WizardPageProps } from './types';

/** Page 8: the subject and the names, as the topology and the answers make them. */
export function SubjectPage({ evaluation }: WizardPageProps) {
  const { t } = useI18n();
  return (
    <>
      <Intro>{t('wiz.subject.intro')}</Intro>
      <KeyValues
        testId="subject-preview"
        rows={[
          [t('wiz.subject.subject'), formatSubject(evaluation.subject) || '—'],
          [t('wiz.subject.sans'), <SanList key="sans" evaluation={evaluation} />],
        ]}
      />
    </>
  );
}
