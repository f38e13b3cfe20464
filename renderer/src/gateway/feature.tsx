import { defineFeature } from '../feature';

/** The XMPP gateway: its service, settings and live sessions, in a side pane. */
export const gatewayFeature = defineFeature({
  id: 'gateway',
  home: {
    en: {
      'home.step.gateway': 'Start services',
      'home.step.gateway.description': 'Start, stop and restart the XMPP gateway service.',
      'pane.gateway.title': 'Gateway',
    },
    ko: {
      'home.step.gateway': '서비스 시작',
      'home.step.gateway.description': 'XMPP 게이트웨이 서비스를 시작, 중지 및 다시 시작합니다.',
      'pane.gateway.title': '게이트웨이',
    },
  },
  messages: () =>
    Promise.all([import('./messages'), import('./sessions-messages')]).then(([{ gatewayMessages }, { gatewaySessionMessages }]) => ({
      en: { ...gatewayMessages.en, ...gatewaySessionMessages.en },
      ko: { ...gatewayMessages.ko, ...gatewaySessionMessages.ko },
    })),
  pane: () => import('./GatewayPane').then((m) => m.GatewayPane),
});
