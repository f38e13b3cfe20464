import { defineConfig, type Plugin } from 'vite';

/**
 * The app's themes (renderer/src/theme.ts) have no CSS variables and no color schemes, so MUI
 * builds and provides them on its "no vars" path. Its CSS-variables half (the theme builder, the
 * provider, the color-scheme script and storage) is imported all the same, and would be about a
 * tenth of the home's script: it is replaced by modules that refuse, loudly, to be used.
 */
const muiWithoutCssVariables: Plugin = {
  name: 'mui-without-css-variables',
  enforce: 'pre',
  resolveId(source, importer) {
    if (!importer || !/[\\/]@mui[\\/]material[\\/]styles[\\/]/.test(importer)) return;
    if (source === './createThemeWithVars.mjs' && /[\\/]createTheme\.mjs$/.test(importer)) return '\0mui-no-vars:createThemeWithVars';
    if (source === './ThemeProviderWithVars.mjs' && /[\\/]ThemeProvider\.mjs$/.test(importer)) return '\0mui-no-vars:ThemeProviderWithVars';
  },
  load(id) {
    const refuse = `throw new Error('This build has no CSS-variables theming: the themes must be made without cssVariables or colorSchemes (see renderer/src/theme.ts).');`;
    if (id === '\0mui-no-vars:createThemeWithVars') return `export default function createThemeWithVars() { ${refuse} }`;
    if (id === '\0mui-no-vars:ThemeProviderWithVars') return `export function CssVarsProvider() { ${refuse} }`;
  },
};

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [muiWithoutCssVariables],
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
