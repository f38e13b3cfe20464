import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileSecretProvider, KeyVault } from '../../electron/certificates/key-vault';
import { runCli } from '../../electron/cli/cli';
import type { CertificateProfileInput } from '../../shared/certificates/profile';
import { profileInput } from '../support/certificates';
import { memoryCore, tempDir } from '../support/core';
import { decodeCsr } from '../support/csr-decode';

const OPENSSL = '/usr/bin/openssl';

function openssl(args: string[]) {
  const result = spawnSync(OPENSSL, args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

const OID = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  template: '1.3.6.1.4.1.311.13.2.1',
  extensionRequest: '1.2.840.113549.1.9.14',
};
const PRINTABLE_STRING = 19;
const UTF8_STRING = 12;
const BMP_STRING = 30;
const CONTEXT_DNS_NAME = 2;

beforeAll(() => {
  if (!existsSync(OPENSSL))
    throw new Error(
      `${OPENSSL} is missing: install the Debian package "openssl". These tests check every CSR with the real openssl and never skip.`,
    );
});

interface Case {
  name: string;
  input: CertificateProfileInput;
  subject: [keyof typeof OID, string][];
  sans: string[];
  bits: number;
  template?: string;
  clientAuth?: boolean;
  /** Written despite its lint errors, as `edgewiz request --force` does. */
  force?: boolean;
}

const korean = { organization: '콘토소 주식회사', city: '강남구', state: '서울특별시', country: 'KR' };

const cases: Case[] = [
  {
    name: 'one SIP domain',
    input: profileInput({ topology: { sipDomains: ['contoso.com'] }, request: { sipDomainSans: ['contoso.com'] } }),
    subject: [
      ['C', 'US'],
      ['ST', 'Washington'],
      ['L', 'Redmond'],
      ['O', 'Contoso Ltd'],
      ['CN', 'sip.contoso.com'],
    ],
    sans: ['sip.contoso.com', 'webcon.contoso.com', 'contoso.com'],
    bits: 2048,
  },
  {
    name: 'three SIP domains, one not ticked',
    input: profileInput({
      topology: { sipDomains: ['contoso.com', 'fabrikam.com', 'tailspintoys.com'], xmppDomains: ['contoso.com', 'fabrikam.com'] },
      request: { sipDomainSans: ['tailspintoys.com', 'contoso.com'], additionalSans: ['meet.contoso.com'] },
    }),
    subject: [
      ['C', 'US'],
      ['ST', 'Washington'],
      ['L', 'Redmond'],
      ['O', 'Contoso Ltd'],
      ['CN', 'sip.contoso.com'],
    ],
    sans: ['sip.contoso.com', 'webcon.contoso.com', 'sip.tailspintoys.com', 'contoso.com', 'fabrikam.com', 'meet.contoso.com'],
    bits: 2048,
  },
  {
    name: 'an IDN SIP domain',
    input: profileInput({
      topology: { sipDomains: ['contoso.com', 'bücher.example'], xmppDomains: ['회사.한국'] },
      request: { sipDomainSans: ['contoso.com', 'bücher.example'] },
    }),
    subject: [
      ['C', 'US'],
      ['ST', 'Washington'],
      ['L', 'Redmond'],
      ['O', 'Contoso Ltd'],
      ['CN', 'sip.contoso.com'],
    ],
    sans: ['sip.contoso.com', 'webcon.contoso.com', 'sip.xn--bcher-kva.example', 'xn--vf4b131b.xn--3e0b707e'],
    bits: 2048,
  },
  {
    name: 'Korean organization and city, with OU, template and 4096 bits',
    input: profileInput({ request: { ...korean, organizationalUnit: '정보기술팀', template: 'WebServer', keySize: 4096 } }),
    subject: [
      ['C', 'KR'],
      ['ST', '서울특별시'],
      ['L', '강남구'],
      ['O', '콘토소 주식회사'],
      ['OU', '정보기술팀'],
      ['CN', 'sip.contoso.com'],
    ],
    sans: ['sip.contoso.com', 'webcon.contoso.com', 'sip.fabrikam.com', 'contoso.com'],
    bits: 4096,
    template: 'WebServer',
  },
  {
    name: 'a non-ASCII template name and clientAuth',
    input: profileInput({ request: { template: 'Edge 웹서버', clientEku: true, keySize: 3072 } }),
    subject: [
      ['C', 'US'],
      ['ST', 'Washington'],
      ['L', 'Redmond'],
      ['O', 'Contoso Ltd'],
      ['CN', 'sip.contoso.com'],
    ],
    sans: ['sip.contoso.com', 'webcon.contoso.com', 'sip.fabrikam.com', 'contoso.com'],
    bits: 3072,
    template: 'Edge 웹서버',
    clientAuth: true,
  },
  {
    name: 'the edge internal certificate forced without organization or geography: only the CN',
    input: profileInput({ request: { certificateType: 'edgeInternal', organization: '', country: '', state: '', city: '' } }),
    subject: [['CN', 'edge-int.contoso.local']],
    sans: ['edge-int.contoso.local'],
    bits: 2048,
    force: true,
  },
];

/** asn1parse's view: the string type written after each subject attribute type. */
function stringTypesFromAsn1parse(text: string): Record<string, string> {
  const lines = text.split('\n');
  const names: Record<string, string> = {
    countryName: 'C',
    stateOrProvinceName: 'ST',
    localityName: 'L',
    organizationName: 'O',
    organizationalUnitName: 'OU',
    commonName: 'CN',
  };
  const types: Record<string, string> = {};
  lines.forEach((line, index) => {
    const match = line.match(/OBJECT\s+:(\w+)\s*$/);
    if (match && names[match[1]]) types[names[match[1]]] = lines[index + 1].match(/prim:\s+(\w+)/)?.[1] ?? '?';
  });
  return types;
}

describe('certificate requests checked by openssl', () => {
  it.each(cases)('$name', async (testCase) => {
    const { client, dataDir } = memoryCore();
    const out = join(tempDir(), 'request.req');
    const result = await client.call('certificates.request', { profile: testCase.input, out, ...(testCase.force ? { force: true } : {}) });
    const pem = readFileSync(out, 'latin1');
    expect(/^[\x20-\x7e\n]*$/.test(pem)).toBe(true);
    expect(pem.startsWith('-----BEGIN CERTIFICATE REQUEST-----\n')).toBe(true);
    expect(pem.split('\n').every((line) => line.length <= 64)).toBe(true);

    const text = openssl(['req', '-verify', '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space,-esc_msb', '-in', out]);
    expect(text.code, text.out).toBe(0);
    expect(text.out).toMatch(/verify OK/);
    expect(text.out).toContain(`Public-Key: (${testCase.bits} bit)`);
    expect(text.out).toContain('Exponent: 65537 (0x10001)');
    expect(text.out).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text.out).toContain(`Subject: ${testCase.subject.map(([type, value]) => `${type}=${value}`).join(', ')}`);
    expect(text.out).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment\n/);
    expect(text.out).toMatch(
      testCase.clientAuth
        ? /X509v3 Extended Key Usage: \s*\n\s+TLS Web Server Authentication, TLS Web Client Authentication\n/
        : /X509v3 Extended Key Usage: \s*\n\s+TLS Web Server Authentication\n/,
    );
    const sanLine = text.out.match(/X509v3 Subject Alternative Name: \s*\n\s+(.+)\n/)?.[1];
    expect(sanLine).toBe(testCase.sans.map((name) => `DNS:${name}`).join(', '));

    const parsed = openssl(['asn1parse', '-in', out]);
    expect(parsed.code, parsed.out).toBe(0);
    const types = stringTypesFromAsn1parse(parsed.out);
    for (const [type] of testCase.subject) expect(types[type], type).toBe(type === 'C' ? 'PRINTABLESTRING' : 'UTF8STRING');
    expect(parsed.out.includes(`:${OID.template}`)).toBe(testCase.template !== undefined);
    expect(parsed.out.includes('BMPSTRING')).toBe(testCase.template !== undefined);

    const csr = decodeCsr(pem);
    expect(csr.canonical).toBe(true);
    expect(csr.signatureValid).toBe(true);
    expect(csr.version).toBe(0);
    expect(csr.signatureAlgorithm).toBe('1.2.840.113549.1.1.11');
    expect(csr.signatureAlgorithmHasNullParameters).toBe(true);
    expect(csr.singleValuedRdns).toBe(true);
    expect(csr.subject).toEqual(
      testCase.subject.map(([type, value]) => ({ oid: OID[type], tag: type === 'C' ? PRINTABLE_STRING : UTF8_STRING, value })),
    );
    expect(csr.keyBits).toBe(testCase.bits);
    expect(csr.publicExponent).toBe(65537);
    expect(csr.sans).toEqual(testCase.sans.map((name) => ({ tag: CONTEXT_DNS_NAME, name })));
    expect(csr.extensions).toEqual([
      { oid: '2.5.29.17', critical: false },
      { oid: '2.5.29.15', critical: true },
      { oid: '2.5.29.37', critical: false },
    ]);
    expect(csr.keyUsageBits).toBe('05a0');
    expect(csr.extendedKeyUsages).toEqual(testCase.clientAuth ? [OID.serverAuth, OID.clientAuth] : [OID.serverAuth]);
    if (testCase.template === undefined) {
      expect(csr.template).toBeNull();
      expect(csr.attributeOids).toEqual([OID.extensionRequest]);
    } else {
      expect(csr.template).toEqual({ name: 'CertificateTemplate', value: testCase.template, nameTag: BMP_STRING, valueTag: BMP_STRING });
      expect(csr.attributeOids.sort()).toEqual([OID.extensionRequest, OID.template].sort());
    }

    // The request is matched to its certificate later by this hash, and the stored key is its pair.
    expect(result.publicKeySha256).toBe(createHash('sha256').update(csr.subjectPublicKeyInfo).digest('hex'));
    const [pending] = await client.call('certificates.list', {});
    const keyFile = `${pending.id}.key.enc`;
    const key = await new KeyVault(dataDir, new FileSecretProvider(dataDir)).load(keyFile);
    expect(createPublicKey(key).export({ type: 'spki', format: 'der' }).equals(csr.subjectPublicKeyInfo)).toBe(true);
  });
});

describe('refused requests', () => {
  const longCn = `${'a'.repeat(53)}.contoso.com`;
  const refused: [string, CertificateProfileInput, string][] = [
    ['a 1024-bit key', profileInput({ request: { keySize: 1024 } }), 'key-size'],
    ['a .local name on the external certificate', profileInput({ request: { additionalSans: ['edge.contoso.local'] } }), 'internal-name'],
    ['an underscore', profileInput({ request: { additionalSans: ['_sip._tls.contoso.com'] } }), 'name-syntax'],
    ['an IP address', profileInput({ request: { additionalSans: ['203.0.113.7'] } }), 'name-syntax'],
    ['a three-letter country', profileInput({ request: { country: 'USA' } }), 'country'],
    ['no organization', profileInput({ request: { organization: '' } }), 'subject-required'],
    ['a 65-character CN', profileInput({ topology: { accessEdgeFqdn: longCn } }), 'length'],
    ['a missing XMPP domain', profileInput({ request: { xmppSans: [] } }), 'xmpp-domain'],
  ];

  it.each(refused)('%s: refused with its lint id, no file written, nothing stored', async (_what, input, id) => {
    const { client, dataDir } = memoryCore();
    const folder = tempDir();
    const out = join(folder, 'refused.req');
    const error = await client.call('certificates.request', { profile: input, out }).then(
      () => null,
      (e: unknown) => e as { code: string; message: string; issues: { reason: string; message: string }[] },
    );
    expect(error?.code).toBe('refused');
    expect(error?.issues.map((issue) => issue.reason)).toEqual([`lint.${id}`]);
    expect(error?.issues[0].message).toMatch(/^["A-Z].{30,}\.$/);
    expect(readdirSync(folder)).toEqual([]);
    expect(await client.call('certificates.list', {})).toEqual([]);
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
    const store = join(dataDir, 'config.json');
    if (existsSync(store)) expect(JSON.parse(readFileSync(store, 'utf8')).certificates ?? []).toEqual([]);
    expect((await client.call('wizard.steps', {})).find((step) => step.id === 'certificates')?.completedOnce).toBe(false);
  });
});

function cliIo() {
  const io = { stdout: '', stderr: '' };
  return {
    io,
    cli: { stdout: (text: string) => (io.stdout += text), stderr: (text: string) => (io.stderr += text), env: {} as NodeJS.ProcessEnv },
  };
}

async function cli(args: string[]) {
  const { io, cli: handle } = cliIo();
  const code = await runCli(args, handle);
  return { code, ...io };
}

describe('edgewiz request and lint', () => {
  it('writes a request and reports {id, out, findings} in JSON', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    const profileFile = join(folder, 'edge.json');
    writeFileSync(profileFile, JSON.stringify(profileInput({ request: { organizationalUnit: 'IT' } })));
    const out = join(folder, 'cert_external_edge.req');

    const result = await cli(['--data-dir', dataDir, '--json', 'request', '--profile', profileFile, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['id', 'out', 'findings']);
    expect(json.out).toBe(out);
    expect(json.findings).toEqual([{ id: 'ou', severity: 'warning', message: expect.stringMatching(/organizational unit \(OU\)/) }]);
    expect(openssl(['req', '-verify', '-noout', '-in', out]).code).toBe(0);

    const human = await cli(['--data-dir', dataDir, 'request', '--profile', profileFile, '--out', join(folder, 'second.req')]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`Certificate request written to ${join(folder, 'second.req')}`);
    expect(human.stdout).toContain(`edgewiz certificates request --profile ${profileFile} --out ${join(folder, 'second.req')}`);
    expect(human.stdout).toMatch(/Request-CsCertificate -New -Type AccessEdgeExternal/);

    const list = await memoryCore(dataDir).client.call('certificates.list', {});
    expect(list.map((item) => item.id)).toContain(json.id);
  });

  it('refuses lint errors with exit 1 and one line on stderr, unless --force', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    const profileFile = join(folder, 'bad.json');
    writeFileSync(profileFile, JSON.stringify(profileInput({ request: { keySize: 1024 } })));
    const out = join(folder, 'bad.req');

    const refused = await cli(['--data-dir', dataDir, '--json', 'request', '--profile', profileFile, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/^edgewiz: .*bad\.json: the request was not written: 1 error must be fixed first: \[key-size\]/);
    expect(JSON.parse(refused.stdout).findings.map((finding: { id: string }) => finding.id)).toEqual(['key-size']);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(folder)).toEqual(['bad.json']);

    const forced = await cli(['--data-dir', dataDir, '--json', 'request', '--profile', profileFile, '--out', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout).findings[0]).toMatchObject({ id: 'key-size', severity: 'error' });
    expect(openssl(['req', '-noout', '-text', '-in', out]).out).toContain('Public-Key: (1024 bit)');

    const exists = await cli(['--data-dir', dataDir, 'request', '--profile', profileFile, '--out', out]);
    expect(exists.code).toBe(1);
  });

  it('lints a profile: exit 0 with warnings, exit 1 with errors, {findings} in JSON', async () => {
    const folder = tempDir();
    const warn = join(folder, 'warn.json');
    const bad = join(folder, 'bad.json');
    writeFileSync(warn, JSON.stringify(profileInput({ request: { clientEku: true } })));
    writeFileSync(bad, JSON.stringify(profileInput({ request: { country: 'KOR', additionalSans: ['10.0.0.1'] } })));

    const ok = await cli(['--data-dir', tempDir(), '--json', 'lint', '--profile', warn]);
    expect(ok.code).toBe(0);
    expect(Object.keys(JSON.parse(ok.stdout))).toEqual(['findings']);
    expect(JSON.parse(ok.stdout).findings.map((finding: { id: string }) => finding.id)).toEqual(['client-eku']);

    const failed = await cli(['--data-dir', tempDir(), '--json', 'lint', '--profile', bad]);
    expect(failed.code).toBe(1);
    expect(
      JSON.parse(failed.stdout).findings.map((finding: { id: string; severity: string }) => `${finding.severity}:${finding.id}`),
    ).toEqual(['error:name-syntax', 'error:country']);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);

    const human = await cli(['--data-dir', tempDir(), 'lint', '--profile', bad]);
    expect(human.stdout).toMatch(
      /^error \[name-syntax\] The additional name "10\.0\.0\.1" is not a valid DNS name\. Enter a DNS name, not an IP address\.\n/,
    );
  });

  it('exits 2 on bad usage and 1 on a bad profile file, naming the file and field', async () => {
    const folder = tempDir();
    expect((await cli(['--data-dir', folder, 'request', '--profile', 'x.json'])).code).toBe(2);
    expect((await cli(['--data-dir', folder, 'lint'])).code).toBe(2);
    expect((await cli(['--data-dir', folder, 'request', '--profile', 'x.json', '--out', 'y.req', '--bogus'])).code).toBe(2);

    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{"topology": ');
    const notJson = await cli(['--data-dir', folder, 'lint', '--profile', broken]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain(`${broken}: not valid JSON`);

    const invalid = join(folder, 'invalid.json');
    writeFileSync(invalid, JSON.stringify(profileInput({ request: { keySize: 1000 as never } })));
    const schema = await cli(['--data-dir', folder, 'request', '--profile', invalid, '--out', join(folder, 'z.req')]);
    expect(schema.code).toBe(1);
    expect(schema.stderr).toBe(`edgewiz: ${invalid}: request.keySize: Choose a key size of 1024, 2048, 3072 or 4096 bits.\n`);
    expect(existsSync(join(folder, 'z.req'))).toBe(false);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('private key custody', () => {
  it('leaves no unencrypted private key in the data dir, keeps key files 0600 and the store free of keys', async () => {
    const { client, dataDir } = memoryCore();
    const folder = tempDir();
    const results = [];
    for (const certificateType of ['externalEdge', 'edgeInternal'] as const) {
      results.push(
        await client.call('certificates.request', {
          profile: profileInput({ request: { certificateType } }),
          out: join(folder, `${certificateType}.req`),
        }),
      );
    }

    const vault = new KeyVault(dataDir, new FileSecretProvider(dataDir));
    const secrets: Buffer[] = [];
    for (const result of results) {
      const key = await vault.load(`${result.id}.key.enc`);
      const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
      const pkcs1 = key.export({ type: 'pkcs1', format: 'der' });
      const jwk = key.export({ format: 'jwk' });
      secrets.push(pkcs8, pkcs1, Buffer.from(jwk.d!, 'base64url'), Buffer.from(jwk.p!, 'base64url'));
      secrets.push(Buffer.from(pkcs8.toString('base64').slice(0, 64)), Buffer.from(jwk.d!.slice(0, 64)));
    }

    const files = filesUnder(dataDir);
    expect(files.map((file) => file.slice(dataDir.length + 1)).sort()).toEqual(
      ['config.json', 'custody.json', 'master.key', ...results.map((result) => `keys/${result.id}.key.enc`)].sort(),
    );
    for (const file of files) {
      const content = readFileSync(file);
      expect(content.includes('PRIVATE KEY'), file).toBe(false);
      for (const secret of secrets) expect(content.indexOf(secret.subarray(0, 48)), file).toBe(-1);
    }
    for (const file of [...files.filter((file) => file.endsWith('.key.enc')), join(dataDir, 'master.key'), join(dataDir, 'config.json')]) {
      expect(statSync(file).mode & 0o777, file).toBe(0o600);
    }
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);

    // Nothing the RPC hands out carries key material either.
    const answers = JSON.stringify([results, await client.call('certificates.list', {})]);
    expect(answers).not.toMatch(/PRIVATE KEY/);
    for (const secret of secrets.filter((s) => s.length > 64)) expect(answers.includes(secret.toString('base64').slice(0, 64))).toBe(false);
    const store = readFileSync(join(dataDir, 'config.json'), 'utf8');
    expect(store).not.toMatch(/PRIVATE|privateKey|"key"\s*:/);
  });
});
