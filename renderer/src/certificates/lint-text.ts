import type { LintFinding, LintId } from '../../../shared/certificates';
import { isMessageKey, type Locale, type Translate } from '../i18n/i18n';

type Params = Record<string, string | number>;

/**
 * Korean sentences for the lint findings whose sentence is not in the catalogs; English comes
 * from the core as it is.
 */
const korean: Record<Exclude<LintId, 'subject-required'>, (p: Params, t: Translate) => string> = {
  'key-size': (p) =>
    `키가 ${p.bits}비트입니다. 공용 인증 기관은 ${p.min}비트보다 짧은 RSA 키를 거부합니다. ${p.min}비트 이상을 선택하십시오.`,
  'name-syntax': (p, t) => {
    const key = `reason.${String(p.reason)}`;
    return `"${p.name}"은(는) 올바른 DNS 이름이 아닙니다. ${isMessageKey(key) ? t(key) : ''}`.trim();
  },
  'internal-name': (p) =>
    `"${p.name}"은(는) 공용이 아닌 이름(${p.suffix})이므로 공용 인증 기관이 발급하지 않습니다. 외부 이름을 사용하십시오.`,
  country: (p) => `"${p.value}"은(는) ISO 3166-1 두 글자 국가 코드가 아닙니다. 목록에서 국가/지역을 선택하십시오(예: 대한민국은 KR).`,
  length: (p) => `${p.attribute} 값이 ${p.length}자입니다. 인증 기관은 최대 ${p.max}자까지 허용합니다. 줄이십시오.`,
  'xmpp-domain': (p) =>
    `XMPP 도메인 "${p.domain}"이(가) 인증서 이름에 없으므로 이 도메인의 XMPP 페더레이션이 실패합니다. 주체 대체 이름에 유지하십시오.`,
  wildcard: (p) => `"${p.name}"은(는) 와일드카드 이름이며 Lync Server 2013 에지는 이를 지원하지 않습니다. 각 이름을 따로 나열하십시오.`,
  ou: (p) =>
    `공용 인증 기관은 2022년부터 인증서에서 조직 구성 단위(OU)를 제거하므로 "${p.value}"은(는) 빠질 수 있습니다. CA가 유지하지 않는다면 비워 두십시오.`,
  'client-eku': () => '클라이언트 인증이 요청되었지만 공용 인증 기관은 2026년부터 이를 포함한 서버 인증서를 발급하지 않습니다.',
  'sip-domain': (p) => `SIP 도메인 "${p.domain}"의 ${p.name} 이름이 인증서에 없습니다. 나중에 추가하려면 새 인증서가 필요합니다.`,
  exportable: (p) =>
    `에지 풀에 서버가 ${p.poolSize}대 있지만 개인 키를 내보낼 수 없습니다. 모든 풀 구성원에 같은 키가 필요하므로 내보낼 수 있는 것으로 표시하십시오.`,
  expiry: (p) =>
    Number(p.days) < 0
      ? '인증서가 만료되었습니다. 새 인증서를 요청하십시오.'
      : `인증서가 ${p.days}일 후에 만료되거나 아직 유효하지 않습니다.`,
};

/**
 * Whether a code names a lint finding: the table above has every finding but subject-required, as
 * its type makes sure. Asked here rather than of the lint rules, so the app shell, which renders
 * any failure, does not load the rules and their schemas.
 */
export function isLintId(id: string): id is LintId {
  return id === 'subject-required' || Object.prototype.hasOwnProperty.call(korean, id);
}

/** A finding's sentence in the translator's language; undefined where the core's English is the text. */
export function lintSentence(id: LintId, params: Params, t: Translate): string | undefined {
  if (id === 'subject-required') {
    // Its sentence is in the catalogs in both languages, one per attribute.
    const key = `lint.subject-required.${String(params.attribute)}`;
    return isMessageKey(key) ? t(key, params) : undefined;
  }
  return t.locale === 'ko' ? korean[id](params, t) : undefined;
}

export function findingText(finding: LintFinding, locale: Locale, t: Translate): string {
  if (!finding.params) return finding.message;
  if (finding.id === 'subject-required') return lintSentence(finding.id, finding.params, t) ?? finding.message;
  return locale === 'en' ? finding.message : korean[finding.id](finding.params, t);
}
