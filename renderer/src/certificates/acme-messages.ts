import { acmeMessages } from '../../../shared/acme/messages';
import type { FeatureMessages } from '../i18n/feature';

const en = {
  ...acmeMessages.en,
  'acme.delay.reason':
    'Not available: no ACME certification authority is configured. Run "edgewiz acme configure --directory URL", then "edgewiz acme dns …" or "edgewiz acme http --port N".',
  'acme.delay.ready': 'Orders the certificate from {directory} now ({challenge}), imports it and assigns it to the gateway.',
  'acme.delay.checking': 'Checking for an ACME certification authority…',
  'acme.run.name': 'Name',
  'acme.run.steps': 'Steps',
  'acme.run.order': 'Whole order',
  'acme.run.state.running': 'Working…',
  'acme.run.state.done': 'Done',
  'acme.run.state.failed': 'Failed',
  'acme.run.done': 'The certificate was issued, imported and assigned to the gateway (valid until {date}).',
  'acme.run.reloaded': 'The running gateway re-read it in place.',
  'acme.run.failed': 'The certificate could not be ordered.',
};

const ko: Record<keyof typeof en, string> = {
  ...acmeMessages.ko,
  'acme.delay.reason':
    '사용할 수 없음: ACME 인증 기관이 구성되지 않았습니다. "edgewiz acme configure --directory URL"을 실행한 다음 "edgewiz acme dns …" 또는 "edgewiz acme http --port N"을 실행하세요.',
  'acme.delay.ready': '지금 {directory}에서 인증서를 주문하고({challenge}) 가져온 다음 게이트웨이에 할당합니다.',
  'acme.delay.checking': 'ACME 인증 기관을 확인하는 중…',
  'acme.run.name': '이름',
  'acme.run.steps': '단계',
  'acme.run.order': '전체 주문',
  'acme.run.state.running': '진행 중…',
  'acme.run.state.done': '완료',
  'acme.run.state.failed': '실패',
  'acme.run.done': '인증서가 발급되어 가져왔고 게이트웨이에 할당되었습니다({date}까지 유효).',
  'acme.run.reloaded': '실행 중인 게이트웨이가 프로세스를 유지한 채 다시 읽었습니다.',
  'acme.run.failed': '인증서를 주문하지 못했습니다.',
};

/** The wizard's ACME delivery choice and order run, with the core's ACME problems they show. */
export const acmeOrderMessages: FeatureMessages<typeof en> = { en, ko };
