import { useRpc } from '../AppContext';
import { defineFeature } from '../feature';

/** Certificates: the request wizard, import, view, assign, remove and export. */
export const certificatesFeature = defineFeature({
  id: 'certificates',
  home: {
    en: {
      'home.step.certificates': 'Request, Install or Assign Certificates',
      'home.step.certificates.description':
        'Request the external edge certificate, import it when the CA returns it, and assign it to the gateway.',
      'cert.home.expiry': '{name}: valid until {date}, {days} days left.',
      'cert.home.expiresSoon': '{name} expires on {date}, in {days} days. Renew it now.',
      'cert.home.expired': '{name} expired on {date}. Renew it.',
    },
    ko: {
      'home.step.certificates': '인증서 요청, 설치 또는 할당',
      'home.step.certificates.description': '외부 에지 인증서를 요청하고, CA에서 발급되면 가져와서 게이트웨이에 할당합니다.',
      'cert.home.expiry': '{name}: {date}까지 유효, {days}일 남음.',
      'cert.home.expiresSoon': '{name}이(가) {date}에 만료됩니다({days}일 남음). 지금 갱신하십시오.',
      'cert.home.expired': '{name}이(가) {date}에 만료되었습니다. 갱신하십시오.',
    },
  },
  messages: () => import('./messages').then((m) => m.certificateMessages),
  page: () =>
    import('./CertificatesPage').then(
      ({ CertificatesPage }) =>
        function CertificatesView({ topology, onBack, onStepsChanged }) {
          const client = useRpc();
          // Like the DNS page, it needs a topology; its home step waits for one.
          if (!topology) return null;
          return (
            <CertificatesPage
              topology={topology}
              onBack={onBack}
              onChanged={onStepsChanged}
              onRestartGateway={async () => {
                await client.call('gateway.restart', {});
              }}
            />
          );
        },
    ),
});
