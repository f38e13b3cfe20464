import type { Dispatch, SetStateAction } from 'react';
import type { RequestProgress, RequestResult, SavePathCheck } from '../../../../shared/certificates';
import type { Topology } from '../../../../shared/domain/topology';
import type { AcmeRunState } from '../useAcmeOrder';
import type { Evaluation, WizardAnswers } from '../wizard-model';

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; progress: RequestProgress }
  | { status: 'done'; result: RequestResult }
  | { status: 'failed'; message: string };

/** What every wizard page is given; each page takes what it needs. */
export interface WizardPageProps {
  answers: WizardAnswers;
  setAnswers: Dispatch<SetStateAction<WizardAnswers>>;
  topology: Topology;
  documents: string;
  evaluation: Evaluation;
  /** The answers the rules refuse to leave empty. */
  required: ReadonlySet<string>;
  /** Whether an empty required field says so yet: once it was left, or Next was tried. */
  showRequired: (field: string) => boolean;
  onTouched: (field: string) => void;
  pathCheck: SavePathCheck | 'checking';
  run: RunState;
  /** The order from the ACME CA, when the request is sent at once. */
  acme: AcmeRunState;
  onRetry: () => void;
}
