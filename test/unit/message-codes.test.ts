import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loadFeatureMessages } from '../../renderer/src/features';
import { catalog, translator } from '../../renderer/src/i18n/i18n';
import { errorText, issueText } from '../../renderer/src/i18n/issue-text';
import { lintIds, lintProfile, type LintFinding } from '../../shared/certificates/lint';
import { contract } from '../../shared/rpc/contract';
import { backendFeatures } from '../../electron/features';
import { RpcError } from '../../shared/rpc/protocol';
import { toFieldIssues } from '../../shared/rpc/issues';
import { FileWriteError } from '../../electron/files/atomic-write';
import { LintRefusedError } from '../../shared/certificates/lint-refused';
import { profile } from '../support/certificates';
import { tempDir } from '../support/core';
import { freePort } from '../support/gateway';
import { parseCertificateFile } from '../../electron/x509/certificate-file';
import { TrustService } from '../../electron/trust/trust-service';
import { probeXmppServer } from '../../electron/xmpp/probe';
import { readSessions } from '../../electron/gateway/sessions';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The core's sources; the CLI's own argument checks (electron/cli/, each feature's cli.ts) never reach the UI, and the CLI speaks English. */
function coreSources(): string[] {
  const isCli = (path: string) => path.startsWith(join(root, 'electron', 'cli')) || basename(path) === 'cli.ts';
  return [...sources(join(root, 'shared')), ...sources(join(root, 'electron')).filter((path) => !isCli(path))];
}

/** What looks like a code but names a file, a host, a namespace or a channel. */
const notACode = /\.(json|key|safe|crt|pid|log|lua|txt|cjs|exe|html|sock|service|im|org|com|arpa|rpc)$|^(www|learn|datatracker)\./;
// RPC methods and events, and the events features tell each other.
const rpcNames = new Set([
  ...Object.keys(contract.methods),
  ...Object.keys(contract.events),
  ...backendFeatures.flatMap((feature) => Object.keys(feature.on ?? {})),
]);

/**
 * Every message code the core can send: each string literal of its sources shaped like
 * "area.some-code" that is not an RPC method or event name, nor a file or host name.
 */
function coreCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  const literal = /'([a-z]+\.[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*)'/g;
  for (const file of coreSources()) {
    for (const match of readFileSync(file, 'utf8').matchAll(literal)) {
      if (!rpcNames.has(match[1]) && !notACode.test(match[1])) codes.set(match[1], file.slice(root.length + 1));
    }
  }
  return codes;
}

// The shell's strings and every feature's, as the app has them once a view has opened.
await loadFeatureMessages();
const catalogEn = catalog('en');
const catalogKo = catalog('ko');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const hangul = /[\uac00-\ud7a3]/;

/** The catalog key of a code: "reason.<code>", or the code itself for the ACME problems and step names. */
const keyOf = (code: string) => (catalogEn[`reason.${code}`] !== undefined ? `reason.${code}` : code);

function untranslated(codes: Iterable<string>): string[] {
  const missing: string[] = [];
  for (const code of codes) {
    const english = catalogEn[keyOf(code)];
    const korean = catalogKo[keyOf(code)];
    if (
      english === undefined ||
      korean === undefined ||
      !hangul.test(korean) ||
      placeholders(english).join() !== placeholders(korean).join()
    )
      missing.push(code);
  }
  return missing;
}

/** Every `new RpcError(…)` and every `super(…)` of an RpcError subclass in the core, as source text with its place. */
function errorConstructions(): { where: string; call: string }[] {
  const found: { where: string; call: string }[] = [];
  for (const file of coreSources()) {
    const text = readFileSync(file, 'utf8');
    const subclass = /extends RpcError\b/.test(text);
    for (const match of text.matchAll(subclass ? /new RpcError\(|super\(/g : /new RpcError\(/g)) {
      let depth = 0;
      let end = match.index + match[0].length - 1;
      for (; end < text.length; end++) {
        if (text[end] === '(') depth++;
        else if (text[end] === ')' && --depth === 0) break;
      }
      found.push({
        where: `${file.slice(root.length + 1)}:${text.slice(0, match.index).split('\n').length}`,
        call: text.slice(match.index, end + 1),
      });
    }
  }
  return found;
}

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;

/** The objects in a result or event schema that carry a text field (message, detail, error), with their keys. */
function textCarriers(schema: unknown, path: string, out: { path: string; keys: string[] }[], seen = new Set<unknown>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const isText = (key: string) =>
        key in shape && ['string', 'optional', 'nullable'].includes(defOf(shape[key]).type) && stringy(shape[key]);
      if (['message', 'detail', 'error'].some(isText)) out.push({ path, keys: Object.keys(shape) });
      for (const [key, value] of Object.entries(shape)) textCarriers(value, `${path}.${key}`, out, seen);
      break;
    }
    case 'array':
      return textCarriers(def.element, `${path}[]`, out, seen);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return textCarriers(def.innerType, path, out, seen);
    case 'union':
      return (def.options as unknown[]).forEach((option) => textCarriers(option, path, out, seen));
    case 'record':
      return textCarriers(def.valueType, `${path}{}`, out, seen);
    case 'pipe':
      return textCarriers(def.in, path, out, seen);
  }
}
const stringy = (schema: unknown): boolean => {
  const def = defOf(schema);
  return def.type === 'string' || ((def.type === 'optional' || def.type === 'nullable') && stringy(def.innerType));
};

/** Every kind of issue zod raises; a new kind fails the typecheck here until it is listed. */
const zodIssueCodes: Record<z.core.$ZodIssueCode, true> = {
  invalid_type: true,
  too_big: true,
  too_small: true,
  invalid_format: true,
  not_multiple_of: true,
  unrecognized_keys: true,
  invalid_union: true,
  invalid_key: true,
  invalid_element: true,
  invalid_value: true,
  custom: true,
};

describe('core message codes', () => {
  const codes = coreCodes();

  it('finds the codes the core sends', () => {
    // A scan that finds nothing would make the checks below pass for nothing.
    for (const code of [
      'dns.underscore',
      'path.folder-missing',
      'probe.no-srv',
      'partners.own-xmpp-domain',
      'certificate.too-long',
      'topology.duplicate',
      'import.garbage',
      'gateway.crash.exited',
      'sessions.not-running',
      'xmpp.refused',
      'trust.not-found',
      'acme.not-configured',
      'store.not-json',
    ]) {
      expect(codes.get(code), code).toBeDefined();
    }
    expect(codes.size).toBeGreaterThan(150);
  });

  it('has English and Korean text, with the same values, for every code the core sends', () => {
    expect(untranslated(codes.keys()).map((code) => `${code} (${codes.get(code)})`)).toEqual([]);
  });

  it('has English and Korean text for every kind of schema issue', () => {
    const reasons = Object.keys(zodIssueCodes).flatMap((code) =>
      code === 'too_big' || code === 'too_small' ? [code, `${code}.string`, `${code}.array`, `${code}.number`] : [code],
    );
    expect(untranslated(reasons.map((reason) => `schema.${reason}`))).toEqual([]);
  });

  it('raises no error without a code', () => {
    const constructions = errorConstructions();
    expect(constructions.length).toBeGreaterThan(40);
    // A code travels as field issues (each with its reason), or as the coded message.
    const bare = constructions.filter(({ call }) => !/reason|coded|issues\b|\[\{ path/.test(call));
    expect(bare.map(({ where, call }) => `${where}: ${call.slice(0, 80)}`)).toEqual([]);
  });

  it('sends no sentence in a result or an event without its code', () => {
    const carriers: { path: string; keys: string[] }[] = [];
    for (const [name, method] of Object.entries(contract.methods)) textCarriers(method.result, name, carriers);
    for (const [name, event] of Object.entries(contract.events)) textCarriers(event, `event ${name}`, carriers);
    expect(carriers.map((carrier) => carrier.path)).toContain('gateway.status.probe');
    expect(carriers.filter(({ keys }) => !keys.some((key) => ['reason', 'code', 'id'].includes(key))).map(({ path }) => path)).toEqual([]);
  });
});

describe('coded messages in the UI', () => {
  const koT = translator('ko');
  const enT = translator('en');

  it('says a path problem with its path in Korean, after the wire', () => {
    const error = new FileWriteError('path.folder-missing', 'The folder /srv/missing does not exist.', '/srv/missing/edge.req');
    const received = RpcError.fromWire(JSON.parse(JSON.stringify(error.toWire())));
    const text = errorText(koT, received);
    expect(text).toContain('/srv/missing');
    expect(text).toMatch(hangul);
    expect(text).not.toContain('드라이브');
  });

  it('says every lint finding in Korean without its raw id, also when a request is refused', () => {
    const findings: LintFinding[] = lintProfile(
      profile({
        request: { keySize: 1024, organizationalUnit: 'IT', additionalSans: ['edge_1.contoso.com', '*.contoso.com', 'edge.contoso.local'] },
      }),
    );
    expect(findings.length).toBeGreaterThan(3);
    const refused = RpcError.fromWire(new LintRefusedError(findings).toWire());
    const korean = errorText(koT, refused);
    expect(korean).toMatch(hangul);
    for (const id of lintIds) expect(korean).not.toMatch(new RegExp(`[[(]${id}[\\])]`));
    for (const issue of refused.issues) {
      expect(issueText(koT, issue), issue.reason).toMatch(hangul);
      expect(issueText(enT, issue)).toBe(issue.message);
    }
  });

  it('fills every value of the sentences real failures send', async () => {
    const failures: unknown[] = [];
    await parseCertificateFile(Buffer.from('These are meeting notes.\n'.repeat(10)), 'notes.txt').catch((error) => failures.push(error));
    await new TrustService(tempDir())
      .add('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')
      .catch((error) => failures.push(error));
    await readSessions(join(tempDir(), 'admin.sock')).catch((error) => failures.push(error));
    expect(failures).toHaveLength(3);
    const probe = await probeXmppServer({ host: '127.0.0.1', port: await freePort(), domain: 'contoso.com', timeoutMs: 2000 });
    const texts = [
      ...failures.map((error) => errorText(koT, RpcError.fromWire((error as RpcError).toWire()))),
      issueText(koT, { reason: probe.reason ?? '', params: probe.params, message: probe.error ?? '' }),
    ];
    for (const text of texts) {
      expect(text).toMatch(hangul);
      expect(text).not.toMatch(/\{\w+\}/);
    }
    expect(texts[0]).toContain('notes.txt');
    expect(texts[3]).toContain(`127.0.0.1:${probe.port}`);
  });

  it('says a schema issue from its kind', () => {
    const issues = toFieldIssues(
      (contract.methods['dns.settings.set'].args.safeParse({ settings: { ttl: 'x', extra: 1 } }) as { error: z.ZodError }).error,
    );
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issueText(koT, issue), issue.reason).toMatch(hangul);
  });
});
