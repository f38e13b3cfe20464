import type { NormalizedTopology, Topology } from '../../shared/domain/topology';
import type { AppStore } from '../store/app-store';

/** The edge topology every page reads. Input is already validated and normalized. */
export class TopologyService {
  constructor(private readonly store: AppStore) {}

  get(): Topology | null {
    return this.store.get('topology');
  }

  set(topology: NormalizedTopology): Topology {
    const stored: Topology = { ...topology };
    // Optional names are omitted rather than stored as undefined, so the JSON stays clean.
    if (stored.webConferencingEdgeFqdn === undefined) delete stored.webConferencingEdgeFqdn;
    if (stored.audioVideoEdgeFqdn === undefined) delete stored.audioVideoEdgeFqdn;
    this.store.set('topology', stored);
    return stored;
  }
}
