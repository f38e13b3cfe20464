import { describe, expect, it } from 'vitest';
import { features, loadFeatureMessages, pageFeatures, paneFeatures } from '../../renderer/src/features';
import { en as shellEn } from '../../renderer/src/i18n/en';
import { catalog, isMessageKey, translator } from '../../renderer/src/i18n/i18n';
import { wizardStepIds } from '../../shared/domain/wizard';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('feature registry', () => {
  it('gives every home step a feature that opens a page or a pane, with its title and description from the home', () => {
    const opens = new Set([...pageFeatures, ...paneFeatures].map((feature) => feature.id as string));
    for (const id of wizardStepIds) {
      expect(opens.has(id), id).toBe(true);
      // Shown before any feature's own strings load.
      expect(isMessageKey(`home.step.${id}`), id).toBe(true);
      expect(isMessageKey(`home.step.${id}.description`), id).toBe(true);
    }
    for (const { id } of paneFeatures) expect(isMessageKey(`pane.${id}.title`), id).toBe(true);
  });

  it('lets no feature take over another feature’s or the shell’s string', async () => {
    const owners = new Map<string, string>(Object.keys(shellEn).map((key) => [key, 'shell']));
    for (const feature of features) {
      const parts = ['home' in feature ? feature.home : null, 'messages' in feature ? await feature.messages() : null];
      for (const part of parts) {
        if (!part) continue;
        expect(Object.keys(part.ko).sort(), feature.id).toEqual(Object.keys(part.en).sort());
        for (const [key, text] of Object.entries(part.en)) {
          expect(owners.get(key), `${key} in ${feature.id}`).toBeUndefined();
          owners.set(key, feature.id);
          expect(placeholders((part.ko as Record<string, string>)[key]), key).toEqual(placeholders(text));
        }
      }
    }
    expect(owners.size).toBeGreaterThan(500);
  });

  it('adds each feature’s strings to the catalogs once they are loaded', async () => {
    await loadFeatureMessages();
    expect(Object.keys(catalog('ko')).sort()).toEqual(Object.keys(catalog('en')).sort());
    expect(translator('en')('dns.title')).toBe('DNS records');
    expect(translator('ko')('pane.partners.title')).toBe('파트너');
    expect(translator('en')('topology.save')).toBe('Save topology');
  });

  it('loads every view entry point as a component', async () => {
    // Only the import: rendering needs a browser, which the end-to-end tests drive.
    for (const feature of pageFeatures) expect(typeof (await feature.page())).toBe('function');
    for (const feature of paneFeatures) expect(typeof (await feature.pane())).toBe('function');
  });
});
