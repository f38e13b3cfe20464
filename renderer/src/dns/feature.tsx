import { defineFeature } from '../feature';

/** DNS: the SRV (and TLSA) records federation needs, their check, and the federation probe. */
export const dnsFeature = defineFeature({
  id: 'dns',
  home: {
    en: {
      'home.step.dns': 'DNS records',
      'home.step.dns.description': 'The SRV records partners need to find the access edge, and a check that they are right.',
    },
    ko: {
      'home.step.dns': 'DNS 레코드',
      'home.step.dns.description': '파트너가 액세스 에지를 찾는 데 필요한 SRV 레코드와 그 레코드의 확인입니다.',
    },
  },
  messages: () => import('./messages').then((m) => m.dnsMessages),
  page: () =>
    import('./DnsPage').then(
      ({ DnsPage }) =>
        ({ topology, onBack }) =>
          topology ? <DnsPage topology={topology} onBack={onBack} /> : null,
    ),
});
