// Lint enforces the architecture: the engine (src/core), the HTTP clients (src/providers) and the
// shared protocol (src/shared) run in plain Node and never import `vscode` or webview code;
// the webview imports only src/shared. Breaking a layer fails `npm run lint`, which CI runs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const vscodeBan = {
  name: 'vscode',
  message: 'This layer runs in plain Node: only src/extension.ts, src/host, src/commands and src/views may import vscode.',
};
const webviewBan = {
  group: ['**/webview-ui/**', '**/webview-ui'],
  message: 'Host-side code never imports webview code; share types through src/shared.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/providers/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [vscodeBan], patterns: [webviewBan] }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeBan],
        patterns: [webviewBan, { group: ['**/core/**', '**/providers/**', '**/host/**', '**/views/**', '**/commands/**'], message: 'The shared protocol imports neither side.' }],
      }],
    },
  },
  {
    files: ['src/host/**/*.ts', 'src/commands/**/*.ts', 'src/views/**/*.ts', 'src/extension.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [webviewBan] }], 'no-console': 'error' },
  },
  {
    files: ['webview-ui/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeBan],
        patterns: [{ group: ['**/src/core/**', '**/src/providers/**', '**/src/host/**', '**/src/views/**', '**/src/commands/**'], message: 'The webview imports only src/shared.' }],
      }],
    },
  },
);
