import { defineConfig, type Plugin } from 'vite';

/**
 * The app's themes (renderer/src/theme.ts) have no CSS variables and no color schemes, so MUI
 * builds and provides them on its "no vars" path. Its CSS-variables half (the theme builder, the
 * provider, the color-scheme script and storage) is imported all the same, and would be about a
 * tenth of the home's script: it is replaced by modules that refuse, loudly, to be used.
 */
export const muiWithoutCssVariables: Plugin = {
  name: 'mui-without-css-variables',
  enforce: 'pre',
  resolveId(source, importer) {
    if (!importer || !/[\\/]@mui[\\/]material[\\/]styles[\\/]/.test(importer)) return;
    if (source === './createThemeWithVars.mjs' && /[\\/]createTheme\.mjs$/.test(importer)) return '\0mui-no-vars:createThemeWithVars';
    if (source === './ThemeProviderWithVars.mjs' && /[\\/]ThemeProvider\.mjs$/.test(importer)) return '\0mui-no-vars:ThemeProviderWithVars';
  },
  load(id) {
    const refuse = `throw new Error('This build has no CSS-variables theming: the themes must be made without cssVariables or colorSchemes (see renderer/src/theme.tsx).');`;
    if (id === '\0mui-no-vars:createThemeWithVars') return `export default function createThemeWithVars() { ${refuse} }`;
    if (id === '\0mui-no-vars:ThemeProviderWithVars') return `export function CssVarsProvider() { ${refuse} }`;
  },
};

/**
 * Emotion inserts a component's styles in an insertion effect, so in the commit: the home's first
 * commits spent two thirds of their time compiling and inserting the CSS of every component shown
 * for the first time, in one task each. Its fallback for a React without insertion effects inserts
 * them as the component renders, which a transition's render does in slices of 5 ms; the rules are
 * the same and are inserted once each, whichever way.
 */
export const emotionStylesDuringRender: Plugin = {
  name: 'emotion-styles-during-render',
  enforce: 'pre',
  resolveId(source) {
    if (source === '@emotion/use-insertion-effect-with-fallbacks') return '\0emotion-styles-during-render';
  },
  load(id) {
    if (id !== '\0emotion-styles-during-render') return;
    return [
      `import { useInsertionEffect } from 'react';`,
      `export const useInsertionEffectAlwaysWithSyncFallback = (insert) => insert();`,
      // Global styles keep their own sheet and effect: they are replaced, not only added, when they change.
      `export const useInsertionEffectWithLayoutFallback = useInsertionEffect;`,
    ].join('\n');
  },
};

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [muiWithoutCssVariables, emotionStylesDuringRender],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      onwarn(warning, warn) {
        // The component library marks its modules "use client"; meaningless in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
