import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** A room's `no-restricted-imports`: forbidden packages, and [regex, why] pairs for relative paths. */
function doors(files, paths, patterns) {
  return [
    {
      files: [files],
      rules: {
        'no-restricted-imports': [
          'error',
          { paths, patterns: patterns.map(([regex, message]) => ({ regex, message })) },
        ],
      },
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // One-way doors between the rooms (docs/design.md "Processes and layers"). Regexes, so a
  // deeper relative path (../../engine/x.js) is caught like a shallow one.
  ...doors(
    'src-main/engine/**',
    ['electron', 'http', 'node:http', 'fastify', 'react'],
    [['^(\\.\\./)+(server|electron|cli|pipeline|farm)/', 'The engine knows no server, Electron, CLI or pipeline.']],
  ),
  ...doors(
    'src-main/pipeline/**',
    ['electron', 'http', 'node:http', 'fastify', 'react'],
    [['^(\\.\\./)+(server|electron|cli|farm)/', 'The pipeline knows no server, Electron or CLI.']],
  ),
  ...doors(
    'src-main/server/**',
    ['electron', 'react'],
    [
      ['^(\\.\\./)+engine/(?!engine-api\\.js$)', 'The server reaches the engine only through engine-api.ts.'],
      [
        '^(\\.\\./)+(pipeline|electron|cli|farm)/',
        'The server talks to the engine, never to the pipeline or Electron.',
      ],
    ],
  ),
  ...doors(
    'src-renderer/**',
    ['electron'],
    [
      ['^node:', 'The renderer runs in a browser: no Node built-ins.'],
      ['^(\\.\\./)+(src-main|tests|bench|scripts)/', 'The renderer imports only src-shared/ (and its own files).'],
    ],
  ),
  ...doors(
    'src-shared/**',
    ['electron', 'react', 'fastify'],
    [['^(\\.\\./)+(src-main|src-renderer)/', 'src-shared is imported by every room and imports none of them.']],
  ),
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
