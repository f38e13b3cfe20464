import { DeliveryChoice } from '../DeliveryChoice';
import type { WizardPageProps } from './types';

/** Page 2: write a request file, or order from the ACME CA now. */
export function DelayPage({ answers, setAnswers }: WizardPageProps) {
  return <DeliveryChoice answers={answers} setAnswers={setAnswers} />;
}
