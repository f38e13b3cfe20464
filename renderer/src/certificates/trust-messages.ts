import type { FeatureMessages } from '../i18n/feature';

const en = {
  'trust.title': 'Trusted private roots',
  'trust.intro':
    'Roots of private certification authorities, besides the system’s: they complete imported chains, and the gateway validates partners’ certificates with them.',
  'trust.empty': 'No private roots: only the system’s roots are trusted.',
  'trust.add': 'Add root…',
  'trust.remove': 'Remove {name}',
  'trust.validUntil': 'valid until {date}',
  'trust.added': 'Trusted {count} {count:root|roots}.',
  'trust.removed': 'No longer trusted: {name}.',
  'trust.offer': 'The imported chain ends at a root this server does not trust: {subject} (SHA-256 {sha256}). Partners must trust it too.',
  'trust.offer.accept': 'Trust this root',
  'reason.trust.not-pem':
    'The file holds no PEM certificate. Convert a DER root first (openssl x509 -inform der -in ROOT.cer -out ROOT.pem).',
  'reason.trust.unreadable': 'A certificate in the file cannot be read.',
  'reason.trust.not-root': 'The file holds no root certificate (a self-signed certification authority).',
  'reason.trust.expired': 'The root {subject} expired on {date}.',
  'reason.trust.not-found': 'No trusted root has the SHA-256 fingerprint {sha256}.',
} as const;

const ko: Record<keyof typeof en, string> = {
  'trust.title': '신뢰하는 사설 루트',
  'trust.intro':
    '시스템 루트 외에 사설 인증 기관의 루트입니다. 가져온 체인을 완성하고, 게이트웨이는 이 루트로 파트너의 인증서를 검증합니다.',
  'trust.empty': '사설 루트가 없습니다. 시스템 루트만 신뢰합니다.',
  'trust.add': '루트 추가…',
  'trust.remove': '{name} 제거',
  'trust.validUntil': '{date}까지 유효',
  'trust.added': '루트 {count}개를 신뢰합니다.',
  'trust.removed': '더 이상 신뢰하지 않음: {name}.',
  'trust.offer':
    '가져온 체인이 이 서버가 신뢰하지 않는 루트에서 끝납니다: {subject} (SHA-256 {sha256}). 파트너도 이 루트를 신뢰해야 합니다.',
  'trust.offer.accept': '이 루트 신뢰',
  'reason.trust.not-pem':
    '파일에 PEM 인증서가 없습니다. DER 루트는 먼저 변환하십시오(openssl x509 -inform der -in ROOT.cer -out ROOT.pem).',
  'reason.trust.unreadable': '파일의 인증서를 읽을 수 없습니다.',
  'reason.trust.not-root': '파일에 루트 인증서(자체 서명된 인증 기관)가 없습니다.',
  'reason.trust.expired': '루트 {subject}이(가) {date}에 만료되었습니다.',
  'reason.trust.not-found': 'SHA-256 지문이 {sha256}인 신뢰하는 루트가 없습니다.',
};

/** The trusted roots panel's strings, with the core's trust refusals it shows. */
export const trustMessages: FeatureMessages<typeof en> = { en, ko };
