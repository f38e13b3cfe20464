import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { partnerModulePath } from '../../electron/gateway/gateway-service';
import { MAIN_PROCESS_RESOURCES } from '../../electron/resources';

/** The top-level string lists of electron-builder.yml (`key:` then `  - item` lines). */
function yamlLists(text: string): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  let current: string[] | null = null;
  for (const line of text.split('\n')) {
    const key = /^([A-Za-z]+):\s*$/.exec(line);
    const item = /^\s+-\s+(\S+)\s*$/.exec(line);
    if (key) lists[key[1]] = current = [];
    else if (item && current) current.push(item[1]);
    else if (/^\S/.test(line)) current = null;
  }
  return lists;
}

/** electron-builder's globs as used here: `**` any depth, `*` within one folder. */
const globMatches = (pattern: string, path: string) => {
  const escape = (part: string) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${pattern.split('**').map(escape).join('.*')}$`).test(path);
};

describe('packaging (electron-builder.yml)', () => {
  const lists = yamlLists(readFileSync('electron-builder.yml', 'utf8'));

  it('packages every file the main process reads, and unpacks from app.asar what another program reads', () => {
    for (const resource of MAIN_PROCESS_RESOURCES) {
      const probe = /\.[a-z]+$/.test(resource.path) ? resource.path : `${resource.path}/file`;
      expect(
        lists.files?.some((pattern) => globMatches(pattern, probe)),
        `${resource.path} in files`,
      ).toBe(true);
      if (resource.external)
        expect(
          lists.asarUnpack?.some((pattern) => globMatches(pattern, probe)),
          `${resource.path} in asarUnpack`,
        ).toBe(true);
    }
  });

  it('finds the unpacked partner module beside app.asar in the packaged app, and dist/partners in a build', () => {
    expect(partnerModulePath('/opt/Edge Wizard/resources/app.asar/dist/electron')).toBe(
      '/opt/Edge Wizard/resources/app.asar.unpacked/dist/partners/prosody/mod_edgewiz_partners.lua',
    );
    expect(partnerModulePath('/work/app/dist/cli')).toBe('/work/app/dist/partners/prosody/mod_edgewiz_partners.lua');
  });

  it('checks itself: a pattern list without the module fails', () => {
    expect(
      ['dist/electron/**', 'dist/renderer/**'].some((pattern) => globMatches(pattern, 'dist/partners/prosody/mod_edgewiz_partners.lua')),
    ).toBe(false);
    expect(globMatches('dist/partners/**', 'dist/partners/prosody/mod_edgewiz_partners.lua')).toBe(true);
  });
});
