import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { emotionStylesDuringRender, muiWithoutCssVariables } from '../../vite.config';

const root = join(import.meta.dirname, '..', '..');

/** Bundles `code` (with its packages) as the renderer build would, with or without one of its plugins, and loads the result. */
async function bundled(name: string, code: string, plugins: Plugin[]): Promise<Record<string, unknown>> {
  // Inside the project, so the bundle's packages resolve from its node_modules.
  const dir = join(root, 'test-results', 'renderer-build-plugins');
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, `${name}-entry.mjs`);
  writeFileSync(entry, code);
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    root,
    plugins,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      minify: false,
      lib: { entry, formats: ['es'], fileName: name },
      rolldownOptions: { onwarn: () => {} },
    },
  })) as Rollup.RollupOutput[];
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, output[0].output.find((chunk) => chunk.type === 'chunk')!.code);
  return (await import(`${pathToFileURL(file).href}?${Date.now()}`)) as Record<string, unknown>;
}

describe('the renderer build’s plugins (vite.config.ts)', () => {
  it('has emotion insert a component’s styles as it renders, not in the commit', async () => {
    const code = `import { useInsertionEffectAlwaysWithSyncFallback as insertWith } from '@emotion/use-insertion-effect-with-fallbacks';
export function insertNow() { let inserted = false; insertWith(() => { inserted = true; }); return inserted; }`;
    const during = await bundled('emotion-during-render', code, [emotionStylesDuringRender]);
    expect((during.insertNow as () => boolean)()).toBe(true);
    // Emotion's own module hands the insertion to React's insertion effect, which runs only in a commit.
    const own = await bundled('emotion-own', code, []);
    expect(() => (own.insertNow as () => boolean)()).toThrow();
  });

  it('leaves MUI’s CSS-variables theming out, refusing loudly if a theme asks for it', async () => {
    const code = `import { createTheme } from '@mui/material/styles';
export const plain = () => createTheme({ palette: { mode: 'dark' } }).palette.mode;
export const withVariables = () => createTheme({ cssVariables: true });`;
    const themes = await bundled('mui-themes', code, [muiWithoutCssVariables]);
    expect((themes.plain as () => string)()).toBe('dark');
    expect(() => (themes.withVariables as () => unknown)()).toThrow(/no CSS-variables theming/);
    const own = await bundled('mui-themes-own', code, []);
    expect(() => (own.withVariables as () => unknown)()).not.toThrow();
  });
});
