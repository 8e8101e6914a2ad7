// Layering (GUIDE.md section 2) is enforced here, not only by folder names:
// shared/ (contract) ← electron/core/ (engine) ← electron/{main,preload,cli}/ (front doors); renderer/ sees shared/ only.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = ['node:*', ...builtinModules, ...builtinModules.map((m) => `${m}/*`)];
const restrict = (patterns, message) => ({ group: patterns, message });

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-output/**', 'renderer/dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(nodeBuiltins, 'shared/ is the platform-free contract: no Node built-ins.'),
        restrict(['electron', 'electron/*'], 'shared/ must not depend on Electron.'),
        restrict(['**/electron/**', '**/renderer/**'], 'shared/ imports nothing above it.'),
      ] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(['electron', 'electron/*'], 'The engine runs without Electron (CLI, browser mode, tests): pass Electron facts in as data.'),
        restrict(['**/main/**', '**/preload/**', '**/cli/**', '**/renderer/**'], 'The engine must not import a front door.'),
      ] }],
    },
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(['electron', 'electron/*'], 'The CLI runs in plain Node.'),
        restrict(['**/main/**', '**/preload/**', '**/renderer/**'], 'Front doors do not import each other.'),
      ] }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(['**/renderer/**', '**/cli/**'], 'Front doors do not import each other.'),
      ] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(nodeBuiltins, 'The renderer is sandboxed web content: reach the engine through the contract API.'),
        restrict(['electron', 'electron/*', '**/electron/**'], 'The renderer reaches the engine only through the contract API object.'),
      ] }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
