import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import boundaries from './eslint/feature-boundaries.js';

const electronImport = {
  paths: [
    { name: 'electron', message: "Only the thin shell in electron/shell/ may import 'electron'." },
    { name: 'electron-store', message: 'Only the shell uses electron-store; plain Node code uses the conf backing.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', electronImport],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['electron/shell/**'], rules: { 'no-restricted-imports': 'off' } },
  // The command's launcher is CommonJS (bin/package.json), so it can load the CLI through V8's code cache.
  { files: ['bin/**/*.js'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['electron/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    plugins: { edgewiz: boundaries },
    rules: { 'edgewiz/feature-boundaries': 'error' },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { ...electronImport, patterns: [{ group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node APIs.' }] },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronImport,
          patterns: [
            { group: ['node:*'], message: 'shared/ is imported by the renderer too: no Node APIs.' },
            { group: ['react', 'react-dom', '@mui/*'], message: 'shared/ holds no UI code.' },
          ],
        },
      ],
    },
  },
);
