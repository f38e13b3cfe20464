import type { WizardStep } from '../../shared/domain/wizard';
import type { AppStore } from '../store/app-store';

/** The home's five steps and where each stands, derived from what is stored. */
export function wizardSteps(store: AppStore): WizardStep[] {
  const hasTopology = store.get('topology') !== null;
  const completedOnce = store.get('wizard').certificateTaskCompleted;
  const needsTopology = hasTopology ? {} : { reason: 'home.reason.needsTopology' };
  return [
    { id: 'topology', state: hasTopology ? 'done' : 'todo', completedOnce: hasTopology },
    { id: 'certificates', state: hasTopology ? (completedOnce ? 'done' : 'todo') : 'blocked', ...needsTopology, completedOnce },
    { id: 'gateway', state: hasTopology ? 'todo' : 'blocked', ...needsTopology, completedOnce: false },
    { id: 'partners', state: store.get('partners').length > 0 ? 'done' : 'todo', completedOnce: false },
    { id: 'dns', state: hasTopology ? 'todo' : 'blocked', ...needsTopology, completedOnce: false },
  ];
}
