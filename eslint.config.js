// ESLint flat config. Beyond typescript-eslint's recommended rules, it enforces the architecture:
// the core and shared code never touch Electron, shared code never touches Node or main, the
// renderer only reaches main through the contract, and raw IPC lives in exactly two places.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';
import { noImportCycles } from './scripts/eslint/noImportCycles.mjs';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

const electron = {
  name: 'electron',
  message: 'Core and shared code are platform-free: receive what you need through ports (see src/main/app for the adapter).'
};
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC belongs only in src/main/app/ipc and src/preload; call the contract instead.'
};
const nodeImports = nodeBuiltins.map((name) => ({ name, message: 'src/shared runs in the renderer too: no Node modules.' }));
const intoMain = {
  regex: '^(\\.\\./)+(src/)?main(/|$)',
  message: 'Only the contract (src/shared) connects the renderer/shared code to main.'
};

export default tseslint.config(
  {
    // Dot-folders/files are tooling or personal scratch space, never app source.
    ignores: ['.*', '.*/**', 'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**', '.tmp/**', 'resources/**']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      // Text from PDFs is sanitised with regexes that match control characters on purpose.
      'no-control-regex': 'off',
      // `let x; … x = …` read by a closure before assignment (e.g. createCore's handlers) is intended.
      'prefer-const': ['error', { destructuring: 'all', ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['parent', 'self'] }]
    }
  },
  {
    // CommonJS config files (electron-builder.cjs) assign module.exports.
    files: ['**/*.cjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly' } }
  },
  {
    // Import cycles (type-only ones too) fail the lint: see scripts/eslint/noImportCycles.mjs.
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    plugins: { local: { rules: { 'no-import-cycles': noImportCycles } } },
    rules: { 'local/no-import-cycles': 'error' }
  },
  {
    // Plain Node scripts (scripts/*.mjs, config files): declare the Node globals they use.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'structuredClone', 'fetch'].map((g) => [g, 'readonly'])
      )
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/unit/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' }
  },
  // Each area gets ONE no-restricted-imports entry: in flat config a later entry for the same rule
  // replaces (does not merge with) an earlier one, so the globs below must not overlap.
  {
    files: ['src/main/app/**/*.ts'],
    ignores: ['src/main/app/ipc/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc] }] }
  },
  {
    files: ['src/main/core/**/*.ts', 'src/main/web/**/*.ts', 'src/main/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron] }] }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron, ...nodeImports], patterns: [intoMain] }]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron, ...nodeImports], patterns: [intoMain] }]
    }
  }
);
