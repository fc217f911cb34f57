// Lint enforces the architecture. Every folder of src/ is an element, and an import between two
// folders is allowed only when the table below lists that direction (eslint-plugin-boundaries,
// default "disallow"): the engine (src/core), the HTTP clients (src/providers), persistence and the
// shared protocol run in plain Node and never import `vscode`; the webview imports only src/shared.
// Adding a folder means adding it here, which is the point: a new direction is a decision.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/** Folder → element type. Plain-Node layers first, then the VS Code adapters. */
const ELEMENTS = {
  shared: 'src/shared',
  'core/domain': 'src/core/domain',
  'core/usage': 'src/core/usage',
  'core/cache': 'src/core/cache',
  'core/limits': 'src/core/limits',
  'core/launch': 'src/core/launch',
  'core/reports': 'src/core/reports',
  'core/engine': 'src/core/engine',
  'core/history': 'src/core/history',
  'core/batches': 'src/core/batches',
  'core/promptFiles': 'src/core/promptFiles',
  'core/quality': 'src/core/quality',
  'core/results': 'src/core/results',
  persistence: 'src/persistence',
  'providers/http': 'src/providers/http',
  'providers/presets': 'src/providers/presets',
  'providers/openai': 'src/providers/openai',
  'providers/anthropic': 'src/providers/anthropic',
  'providers/ollama': 'src/providers/ollama',
  'host/secrets': 'src/host/secrets',
  'host/logging': 'src/host/logging',
  'host/config': 'src/host/config',
  'host/providers': 'src/host/providers',
  'host/history': 'src/host/history',
  'host/monitoring': 'src/host/monitoring',
  'host/cost': 'src/host/cost',
  'host/batches': 'src/host/batches',
  'host/results': 'src/host/results',
  'views/format': 'src/views/format',
  'views/tree': 'src/views/tree',
  'views/panel': 'src/views/panel',
  'views/statistics': 'src/views/statistics',
  'views/status': 'src/views/status',
  'views/results': 'src/views/results',
  'views/context': 'src/views/context',
  'commands/pickers': 'src/commands/pickers',
  'commands/launch': 'src/commands/launch',
  'commands/tasks': 'src/commands/tasks',
  'commands/history': 'src/commands/history',
  'commands/setup': 'src/commands/setup',
  'commands/results': 'src/commands/results',
  api: 'src/api',
  webview: 'webview-ui',
};

const CORE = ['core/domain', 'core/usage', 'core/cache', 'core/limits', 'core/launch', 'core/reports', 'core/engine', 'core/history', 'core/batches', 'core/promptFiles', 'core/quality', 'core/results'];
const PROVIDERS = ['providers/http', 'providers/presets', 'providers/openai', 'providers/anthropic', 'providers/ollama'];
const HOST = ['host/secrets', 'host/logging', 'host/config', 'host/providers', 'host/history', 'host/monitoring', 'host/cost', 'host/batches', 'host/results'];
const VIEWS = ['views/format', 'views/tree', 'views/panel', 'views/statistics', 'views/status', 'views/results', 'views/context'];
const COMMANDS = ['commands/pickers', 'commands/launch', 'commands/tasks', 'commands/history', 'commands/setup', 'commands/results'];

/** Which folders each folder may import from (besides itself). Everything else is refused. */
const ALLOWED = {
  shared: [],
  'core/domain': ['shared'],
  'core/usage': ['core/domain'],
  'core/cache': ['core/domain'],
  'core/limits': ['core/domain'],
  'core/launch': ['core/domain', 'core/usage', 'shared'],
  'core/reports': ['core/domain', 'core/usage', 'shared'],
  'core/engine': ['core/domain', 'core/usage', 'core/limits', 'shared'],
  'core/history': ['core/domain', 'core/engine', 'shared'],
  // Provider batch jobs: split, submit, poll, map results; the engine and the clients only through ports in core/domain.
  'core/batches': ['core/domain', 'core/usage'],
  'core/promptFiles': ['core/domain', 'core/launch'],
  'core/quality': ['core/domain'],
  'core/results': ['core/domain', 'core/usage', 'core/launch', 'core/engine', 'shared'],
  persistence: ['core/history', 'core/batches', 'core/domain', 'core/usage'],
  'providers/http': ['core/domain'],
  'providers/presets': [],
  'providers/openai': ['providers/http', 'providers/presets', 'core/domain', 'core/usage'],
  'providers/anthropic': ['providers/http', 'providers/presets', 'core/domain', 'core/usage'],
  'providers/ollama': ['providers/http', 'providers/presets', 'core/domain', 'core/usage'],
  'host/secrets': [],
  // Phrases of the engine reach the log in words (views/format/phraseText).
  'host/logging': ['host/secrets', 'core/engine', 'core/domain', 'views/format'],
  'host/config': [...CORE, 'providers/presets', 'views/format', 'shared'],
  'host/providers': ['host/config', 'host/secrets', 'host/logging', ...PROVIDERS, 'core/domain', 'views/format', 'shared'],
  'host/history': ['host/logging', 'persistence', 'core/history', 'shared'],
  'host/monitoring': ['core/limits'],
  'host/cost': ['host/config', 'host/providers', 'host/logging', 'persistence', ...CORE, 'shared'],
  // Provider batches: the batch clients from settings and keys, the jobs file, launching runs as batches, the end notice.
  'host/batches': ['views/format', 'host/config', 'host/secrets', 'host/logging', 'persistence', 'providers/openai', 'providers/anthropic', 'providers/presets', ...CORE, 'shared'],
  'host/results': [...CORE, 'shared'],
  'views/format': ['core/domain', 'core/usage', 'core/results', 'shared'],
  'views/tree': ['views/format', ...CORE, 'shared'],
  'views/panel': ['views/format', 'host/logging', ...CORE, 'shared'],
  'views/statistics': ['views/format', ...CORE, 'shared'],
  'views/status': ['views/format', ...CORE, 'shared'],
  'views/results': ['views/panel', 'views/format', 'host/logging', ...CORE, 'shared'],
  'views/context': ['views/tree', ...CORE, 'shared'],
  'commands/pickers': ['views/tree', 'views/format', 'host/providers', 'host/config', 'host/cost', 'host/batches', ...CORE, 'shared'],
  'commands/launch': ['commands/pickers', ...HOST, 'views/panel', 'views/format', ...CORE, 'shared'],
  'commands/tasks': ['commands/pickers', 'host/providers', 'host/cost', 'host/batches', 'views/panel', 'views/tree', 'views/format', ...CORE, 'shared'],
  // views/format: the export's words come from phraseText, as every other adapter's do.
  'commands/history': ['commands/pickers', 'views/tree', 'views/statistics', 'views/format', ...CORE, 'shared'],
  'commands/setup': ['commands/pickers', 'host/providers', 'host/secrets', 'providers/presets', 'shared'],
  // views/format: phraseText writes what core/results returns (which block was used, why a selection moved).
  'commands/results': ['commands/pickers', 'host/results', 'host/logging', 'views/panel', 'views/tree', 'views/format', ...CORE, 'shared'],
  api: [...VIEWS, ...HOST, ...CORE, 'shared'],
  app: [...Object.keys(ELEMENTS).filter((e) => e !== 'webview'), ...COMMANDS, 'api'],
  webview: ['shared'],
};

const PLAIN_NODE = ['src/core/**/*.ts', 'src/providers/**/*.ts', 'src/persistence/**/*.ts', 'src/shared/**/*.ts'];

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
    files: ['src/**/*.ts', 'webview-ui/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'boundaries/elements': [
        ...Object.entries(ELEMENTS).map(([type, folder]) => ({ type, pattern: folder })),
        // The composition root: what is left directly in src/ (extension.ts) once the folders above matched.
        { type: 'app', pattern: 'src' },
      ],
    },
    rules: {
      'boundaries/dependencies': ['error', {
        default: 'disallow',
        policies: Object.entries(ALLOWED).map(([from, to]) => ({
          from: { element: { type: from } },
          allow: { to: { element: { types: { anyOf: [from, ...to] } } } },
        })),
      }],
      // Every file under src/ belongs to a folder listed above.
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    files: PLAIN_NODE,
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'This layer runs in plain Node: only the adapters (src/host, src/views, src/commands, src/api, src/extension.ts) import vscode.' }],
      }],
    },
  },
  {
    files: ['src/host/**/*.ts', 'src/commands/**/*.ts', 'src/views/**/*.ts', 'src/api/**/*.ts', 'src/extension.ts'],
    rules: { 'no-console': 'error' },
  },
);
