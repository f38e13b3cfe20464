import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { ko } from '../../renderer/src/i18n/ko';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Every message code the core can send: string literals such as 'dns.underscore' on lines that
 * set a reason, raise a schema issue (issue(ctx, …)), fail a DNS name (fail(…)) or list a
 * reason type's members (| '…').
 */
function coreCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  const literal = /'([a-z]+\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*)'/g;
  // The CLI's own argument checks never reach the UI, and the CLI speaks English.
  const cli = join(root, 'electron', 'cli');
  for (const file of [...sources(join(root, 'shared')), ...sources(join(root, 'electron')).filter((path) => !path.startsWith(cli))]) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!/reason|issue\(ctx, '|fail\('|^\s*\| '/.test(line)) continue;
      for (const match of line.matchAll(literal)) codes.set(match[1], file.slice(root.length + 1));
    }
  }
  return codes;
}

/**
 * Codes whose sentences still come from the core in English only: certificate import and export
 * errors, and the DNS zone check (its "reason.dns." key would clash with the DNS name reasons').
 */
const notYetTranslated = new Set([
  'import.file-or-content',
  'import.name-required',
  'import.utf16',
  'import.garbage',
  'import.empty',
  'import.too-large',
  'import.password-required',
  'import.wrong-password',
  'import.no-certificate',
  'import.key-mismatch',
  'import.ambiguous',
  'import.no-match',
  'import.duplicate',
  'import.expired',
  'import.not-yet-valid',
  'import.names',
  'import.chain',
  'import.no-topology',
  'import.unreadable',
  'import.no-headers',
  'import.pfx-cost',
  'dns.zone-missing',
  'certificate.not-found',
  'certificate.draft-too-large',
  'export.not-exportable',
]);

const catalogEn = en as Record<string, string>;
const catalogKo = ko as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
  });

  it('has English and Korean text, with the same values, for every code the core sends', () => {
    const missing: string[] = [];
    for (const [code, file] of codes) {
      if (notYetTranslated.has(code)) continue;
      const key = `reason.${code}`;
      const english = catalogEn[key];
      const korean = catalogKo[key];
      if (
        english === undefined ||
        korean === undefined ||
        !/[\uac00-\ud7a3]/.test(korean) ||
        placeholders(english).join() !== placeholders(korean).join()
      ) {
        missing.push(`${code} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the list of untranslated codes exact', () => {
    for (const code of notYetTranslated) {
      expect(codes.has(code), `${code} is no longer sent: drop it from the list`).toBe(true);
      expect(catalogEn[`reason.${code}`], `${code} is translated now: drop it from the list`).toBeUndefined();
    }
  });
});
