import type { AcmeProblem, AcmeStep } from './acme';

/**
 * ACME errors and step names in English and Korean. An error travels as a code plus
 * parameters ({@link AcmeProblem}); the CLI prints the English text, the UI its locale's.
 */
const en = {
  'acme.not-configured': 'No ACME account is configured: run "edgewiz acme configure --directory URL" first.',
  'acme.no-challenge':
    'No challenge is configured: run "edgewiz acme dns --server HOST:PORT --tsig-key FILE" or "edgewiz acme http --port N" first.',
  'acme.ca-file': '{file}: not a PEM file of CA certificates ({detail}).',
  'acme.tsig-file': '{file}: not a TSIG key file as tsig-keygen writes it ({detail}).',
  'acme.server-address': '"{server}" is not HOST:PORT of a DNS server.',
  'acme.directory': 'The ACME directory {url} could not be used: {detail}',
  'acme.tls-untrusted':
    'The ACME server {url} presented a TLS certificate this computer does not trust ({detail}). Give its CA with --ca-file.',
  'acme.terms': 'The CA requires accepting its terms of service ({url}); configure the account with --agree-tos.',
  'acme.rate-limited': 'The CA refused the order for now (rate limit): {detail} Try again later.',
  'acme.ca-error': 'The CA answered with an error: {detail}',
  'acme.no-zone': '{name} is in none of the zones given ({zones}); add its zone with --zone.',
  'acme.dns-refused': "The DNS server {server} refused the update for {name}: {detail} Check the TSIG key and the zone's update-policy.",
  'acme.not-visible': '{name}: the challenge was not visible from {server} within {seconds} s.',
  'acme.http-port': 'The http-01 listener could not open {address}:{port} ({detail}).',
  'acme.validation-failed': 'The CA could not validate {name}: {detail}',
  'acme.lint': 'The request was not sent: {detail}',
  'acme.not-renewable': '"{name}" ({id}) was not ordered over ACME here, so it cannot be renewed automatically; request a new certificate.',
  'acme.import-failed': 'The CA issued the certificate, but it could not be imported: {detail}',
  'acme.timeout': '{what} did not finish within {seconds} s.',
  'acme.dane-pending': 'A DANE key rollover to "{name}" ({id}) is under way already: let it finish first (edgewiz dns rollover).',
  'acme.dane-no-certificate': 'There is no imported certificate with the ID {id}: run "edgewiz certificates list" to see the IDs.',
  'acme.dane-nothing-assigned': 'No certificate is assigned to the gateway, so no TLSA record needs to roll over: assign the certificate.',
  'acme.dane-same-key': '"{name}" has the key the gateway serves already: assign it, no rollover is needed.',
  'acme.dane-off':
    'No TLSA records are published (edgewiz dns settings --tlsa on turns them on), so no rollover is needed: assign "{name}" ({id}).',
  'acme.dane-no-topology': 'Fill in the edge topology first: the TLSA records are published at its access edge.',
  'acme.dane-waiting':
    'The gateway switches to "{name}" once the new TLSA record has been seen for two TTLs ({ttl} s each): waiting until {until}.',
  'acme.dane-not-seen': 'Waiting for {server} to serve the new TLSA record of "{name}" next to the current one; the gateway keeps its key.',
  'acme.dane-not-seen-system':
    'Waiting for this computer\'s DNS resolver to return the new TLSA record of "{name}" next to the current one; the gateway keeps its key.',
  'acme.dane-assign':
    'Assigning "{name}" now would break DANE: no TLSA record names its key yet. Run "edgewiz dns rollover --id {id}": it publishes the record and switches the gateway two TTLs after it is seen.',
  'acme.step.account': 'Account',
  'acme.step.order': 'Order',
  'acme.step.publish': 'Publish challenge',
  'acme.step.visible': 'Visible to resolver',
  'acme.step.validate': 'CA validation',
  'acme.step.cleanup': 'Clean up',
  'acme.step.finalize': 'Issue',
  'acme.step.import': 'Import',
  'acme.step.assign': 'Assign',
  'acme.step.reload': 'Reload gateway',
  'acme.step.dane': 'Publish next TLSA record',
};

const ko: Record<keyof typeof en, string> = {
  'acme.not-configured': 'ACME 계정이 구성되지 않았습니다. 먼저 "edgewiz acme configure --directory URL"을 실행하세요.',
  'acme.no-challenge':
    '챌린지가 구성되지 않았습니다. 먼저 "edgewiz acme dns --server HOST:PORT --tsig-key FILE" 또는 "edgewiz acme http --port N"을 실행하세요.',
  'acme.ca-file': '{file}: CA 인증서 PEM 파일이 아닙니다({detail}).',
  'acme.tsig-file': '{file}: tsig-keygen이 만드는 형식의 TSIG 키 파일이 아닙니다({detail}).',
  'acme.server-address': '"{server}"은(는) DNS 서버의 HOST:PORT가 아닙니다.',
  'acme.directory': 'ACME 디렉터리 {url}을(를) 사용할 수 없습니다: {detail}',
  'acme.tls-untrusted': 'ACME 서버 {url}의 TLS 인증서를 이 컴퓨터가 신뢰하지 않습니다({detail}). --ca-file로 해당 CA를 지정하세요.',
  'acme.terms': 'CA의 서비스 약관({url})에 동의해야 합니다. --agree-tos로 계정을 구성하세요.',
  'acme.rate-limited': 'CA가 지금은 주문을 거부했습니다(요청 한도): {detail} 나중에 다시 시도하세요.',
  'acme.ca-error': 'CA가 오류로 응답했습니다: {detail}',
  'acme.no-zone': '{name}은(는) 지정한 영역({zones}) 어디에도 속하지 않습니다. --zone으로 해당 영역을 추가하세요.',
  'acme.dns-refused':
    'DNS 서버 {server}이(가) {name}에 대한 업데이트를 거부했습니다: {detail} TSIG 키와 영역의 update-policy를 확인하세요.',
  'acme.not-visible': '{name}: {seconds}초 안에 {server}에서 챌린지가 보이지 않았습니다.',
  'acme.http-port': 'http-01 수신기가 {address}:{port}을(를) 열 수 없습니다({detail}).',
  'acme.validation-failed': 'CA가 {name}을(를) 검증하지 못했습니다: {detail}',
  'acme.lint': '요청을 보내지 않았습니다: {detail}',
  'acme.not-renewable': '"{name}"({id})은(는) 여기서 ACME로 주문한 인증서가 아니므로 자동으로 갱신할 수 없습니다. 새 인증서를 요청하세요.',
  'acme.import-failed': 'CA가 인증서를 발급했지만 가져오지 못했습니다: {detail}',
  'acme.timeout': '{what}이(가) {seconds}초 안에 끝나지 않았습니다.',
  'acme.dane-pending': '"{name}"({id})(으)로의 DANE 키 교체가 이미 진행 중입니다. 먼저 완료하세요(edgewiz dns rollover).',
  'acme.dane-no-certificate': 'ID가 {id}인 가져온 인증서가 없습니다. "edgewiz certificates list"로 ID를 확인하세요.',
  'acme.dane-nothing-assigned': '게이트웨이에 할당된 인증서가 없으므로 교체할 TLSA 레코드가 없습니다. 인증서를 할당하세요.',
  'acme.dane-same-key': '"{name}"은(는) 게이트웨이가 이미 제공하는 키를 사용합니다. 교체 없이 할당하세요.',
  'acme.dane-off':
    'TLSA 레코드를 게시하지 않으므로(edgewiz dns settings --tlsa on으로 켭니다) 교체가 필요 없습니다. "{name}"({id})을(를) 할당하세요.',
  'acme.dane-no-topology': '먼저 에지 토폴로지를 입력하세요. TLSA 레코드는 액세스 에지에 게시됩니다.',
  'acme.dane-waiting':
    '새 TLSA 레코드가 TTL의 두 배({ttl}초씩 두 번) 동안 보인 뒤 게이트웨이가 "{name}"(으)로 전환합니다. {until}까지 기다립니다.',
  'acme.dane-not-seen':
    '{server}이(가) 현재 레코드 옆에 "{name}"의 새 TLSA 레코드를 제공하기를 기다립니다. 게이트웨이는 현재 키를 유지합니다.',
  'acme.dane-not-seen-system':
    '이 컴퓨터의 DNS 확인자가 현재 레코드 옆에 "{name}"의 새 TLSA 레코드를 돌려주기를 기다립니다. 게이트웨이는 현재 키를 유지합니다.',
  'acme.dane-assign':
    '지금 "{name}"을(를) 할당하면 DANE이 깨집니다. 아직 그 키를 가리키는 TLSA 레코드가 없습니다. "edgewiz dns rollover --id {id}"를 실행하면 레코드를 게시하고, 레코드가 보인 뒤 TTL의 두 배가 지나면 게이트웨이를 전환합니다.',
  'acme.step.account': '계정',
  'acme.step.order': '주문',
  'acme.step.publish': '챌린지 게시',
  'acme.step.visible': '확인자에서 보임',
  'acme.step.validate': 'CA 검증',
  'acme.step.cleanup': '정리',
  'acme.step.finalize': '발급',
  'acme.step.import': '가져오기',
  'acme.step.assign': '할당',
  'acme.step.reload': '게이트웨이 다시 로드',
  'acme.step.dane': '다음 TLSA 레코드 게시',
};

export const acmeMessages = { en, ko };
export type AcmeMessageKey = keyof typeof en;
export type AcmeLocale = keyof typeof acmeMessages;

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** The problem's text in `locale`; an unknown code falls back to its detail. */
export function renderProblem(problem: AcmeProblem, locale: AcmeLocale = 'en'): string {
  const template = (acmeMessages[locale] as Record<string, string>)[problem.code];
  return template ? fill(template, problem.params) : (problem.params.detail ?? problem.code);
}

export function stepLabel(step: AcmeStep, locale: AcmeLocale = 'en'): string {
  return acmeMessages[locale][`acme.step.${step}`];
}
