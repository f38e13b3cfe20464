import { defineFeature } from '../feature';

/** The edge topology: SIP domains, edge names, XMPP domains and pool size, which every other step uses. */
export const topologyFeature = defineFeature({
  id: 'topology',
  home: {
    en: {
      'home.step.topology': 'Edge topology',
      'home.step.topology.description': 'The SIP domains, the edge server names and the XMPP domains that every other step uses.',
    },
    ko: {
      'home.step.topology': '에지 토폴로지',
      'home.step.topology.description': '다른 모든 단계에서 사용하는 SIP 도메인, 에지 서버 이름 및 XMPP 도메인입니다.',
    },
  },
  messages: () => import('./messages').then((m) => m.topologyMessages),
  page: () =>
    import('./TopologyPage').then(({ TopologyPage }) => ({ topology, onTopologySaved, onBack }) => (
      <TopologyPage topology={topology} onSaved={onTopologySaved} onBack={onBack} />
    )),
});
