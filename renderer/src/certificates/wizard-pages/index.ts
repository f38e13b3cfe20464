import type { ComponentType } from 'react';
import type { WizardPage } from '../wizard-model';
import { CsrPage } from './CsrPage';
import { DelayPage } from './DelayPage';
import { FilePage } from './FilePage';
import { GeoPage } from './GeoPage';
import { NamePage } from './NamePage';
import { NextPage } from './NextPage';
import { OrgPage } from './OrgPage';
import { RunPage } from './RunPage';
import { SansPage } from './SansPage';
import { SipPage } from './SipPage';
import { SubjectPage } from './SubjectPage';
import { SummaryPage } from './SummaryPage';
import { TemplatePage } from './TemplatePage';
import { TypePage } from './TypePage';
import type { WizardPageProps } from './types';

/** The component of each request page; the order, titles and fields are in the model's page definitions. */
export const wizardPageComponents: Record<WizardPage, ComponentType<WizardPageProps>> = {
  type: TypePage,
  delay: DelayPage,
  file: FilePage,
  template: TemplatePage,
  name: NamePage,
  org: OrgPage,
  geo: GeoPage,
  subject: SubjectPage,
  sip: SipPage,
  sans: SansPage,
  summary: SummaryPage,
  run: RunPage,
  csr: CsrPage,
  next: NextPage,
};

export type { RunState, WizardPageProps } from './types';
