import { defineFeature } from '../feature';

/** XMPP federation partners: the list, the editor and what the gateway enforces, in a side pane. */
export const partnersFeature = defineFeature({
  id: 'partners',
  home: {
    en: {
      'home.step.partners': 'XMPP federation partners',
      'home.step.partners.description': 'The XMPP domains allowed to federate, and how they must negotiate.',
      'pane.partners.title': 'Partners',
    },
    ko: {
      'home.step.partners': 'XMPP 페더레이션 파트너',
      'home.step.partners.description': '페더레이션이 허용된 XMPP 도메인과 각 도메인의 협상 방식입니다.',
      'pane.partners.title': '파트너',
    },
  },
  messages: () => import('./messages').then((m) => m.partnerMessages),
  pane: () => import('./PartnersPane').then((m) => m.PartnersPane),
});
