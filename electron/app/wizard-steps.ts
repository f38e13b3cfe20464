import { daysUntil } from '../../shared/certificates/installed';
import type { WizardStep } from '../../shared/domain/wizard';
import type { AppStore } from '../store/app-store';

/** The certificate whose expiry matters most: the one assigned to the gateway, else the newest issued. */
function certificateExpiry(store: AppStore): WizardStep['expiry'] {
  const installed = store.get('certificates').flatMap((entry) => (entry.state === 'pending' ? [] : [entry]));
  const current =
    installed.find((entry) => entry.state === 'assigned') ?? installed.sort((a, b) => b.notAfter.localeCompare(a.notAfter))[0];
  return current ? { friendlyName: current.friendlyName, notAfter: current.notAfter, daysLeft: daysUntil(current.notAfter) } : undefined;
}

/** The furthest any certificate has got: step 2 is done only once one is assigned to the gateway. */
function certificateProgress(store: AppStore): WizardStep['progress'] {
  const states = new Set(store.get('certificates').map((entry) => entry.state));
  if (states.has('assigned')) return 'assigned';
  if (states.has('issued')) return 'imported';
  return states.has('pending') ? 'pending' : undefined;
}

/** The home's five steps and where each stands, derived from what is stored. */
export function wizardSteps(store: AppStore, gatewayRunning: boolean): WizardStep[] {
  const hasTopology = store.get('topology') !== null;
  const completedOnce = store.get('wizard').certificateTaskCompleted;
  const needsTopology = hasTopology ? {} : { reason: 'home.reason.needsTopology' };
  const expiry = certificateExpiry(store);
  const progress = certificateProgress(store);
  return [
    { id: 'topology', state: hasTopology ? 'done' : 'todo', completedOnce: hasTopology },
    {
      id: 'certificates',
      state: hasTopology ? (progress === 'assigned' ? 'done' : 'todo') : 'blocked',
      ...needsTopology,
      completedOnce,
      ...(progress ? { progress } : {}),
      ...(expiry ? { expiry } : {}),
    },
    { id: 'gateway', state: hasTopology ? (gatewayRunning ? 'done' : 'todo') : 'blocked', ...needsTopology, completedOnce: false },
    { id: 'partners', state: store.get('partners').length > 0 ? 'done' : 'todo', completedOnce: false },
    { id: 'dns', state: hasTopology ? 'todo' : 'blocked', ...needsTopology, completedOnce: false },
  ];
}
