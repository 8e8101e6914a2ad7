// Layering (docs/architecture.md) is enforced here, not only by folder names:
// shared/ (contract) ← electron/core/ (engine) ← electron/{main,preload,cli}/ (front doors); renderer/ sees shared/ only.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = ['node:*', ...builtinModules, ...builtinModules.map((m) => `${m}/*`)];
const restrict = (patterns, message) => ({ group: patterns, message });

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-output/**', 'renderer/dist/**', '.tools/**'] },
  { files: ['**/*.tsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(nodeBuiltins, 'shared/ is the platform-free contract: no Node built-ins.'),
            restrict(['electron', 'electron/*'], 'shared/ must not depend on Electron.'),
            restrict(['**/electron/**', '**/renderer/**'], 'shared/ imports nothing above it.'),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['electron', 'electron/*'],
              'The engine runs without Electron (CLI, browser mode, tests): pass Electron facts in as data.',
            ),
            restrict(['**/main/**', '**/preload/**', '**/cli/**', '**/renderer/**'], 'The engine must not import a front door.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(['electron', 'electron/*'], 'The CLI runs in plain Node.'),
            restrict(['**/main/**', '**/preload/**', '**/renderer/**'], 'Front doors do not import each other.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [restrict(['**/renderer/**', '**/cli/**'], 'Front doors do not import each other.')],
          // As in GitHub Desktop: raw IPC only where the typed bridge and the handler registry live.
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Use the typed contract: electron/main/ipc.ts and electron/preload/bridge.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/index.ts', 'electron/preload/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [restrict(['**/renderer/**', '**/cli/**'], 'Front doors do not import each other.')] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      // Every visible string comes from the message catalogue (shared/i18n), in both languages.
      'no-restricted-syntax': [
        'error',
        { selector: 'JSXText[value=/[A-Za-z\\u3040-\\u30ff\\u4e00-\\u9fff]/]', message: 'UI text belongs in shared/i18n: use t().' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(nodeBuiltins, 'The renderer is sandboxed web content: reach the engine through the contract API.'),
            restrict(['electron', 'electron/*', '**/electron/**'], 'The renderer reaches the engine only through the contract API object.'),
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
