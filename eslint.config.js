// ESLint flat config: typescript-eslint's recommended rules, plus the boundary that keeps
// src/detect pure (no I/O, no logger, no network): see ../shared/STYLE.md "A pure detector".
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const impureModules = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
  'child_process',
  'node:child_process',
  'worker_threads',
  'node:worker_threads',
  'ioredis',
  'bullmq',
  'pino',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // src/detect is pure and self-contained: files in it may import each other (`./x`, and `../x`
  // from its subfolders such as rules/ and decoders/) but nothing else of ours.
  ...[
    { files: ['src/detect/*.ts'], outside: ['../*'] },
    { files: ['src/detect/*/**/*.ts'], outside: ['../../*'] },
  ].map(({ files, outside }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: impureModules.map((name) => ({
            name,
            message: 'src/detect is pure: no I/O. Pass bytes in.',
          })),
          patterns: [{ group: outside, message: 'src/detect imports nothing of ours outside src/detect.' }],
        },
      ],
      'no-console': 'error',
      'no-restricted-globals': ['error', 'fetch', 'process'],
    },
  })),
  // Dependencies point down DESIGN.md §3's table: nothing imports the CLI, and only the CLI
  // imports the app (the Probot receiver). src/detect has its stricter rule above.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/detect/**', 'src/cli/**', 'src/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cli/*', '**/app/*'], message: 'Only src/cli imports src/cli and src/app.' },
          ],
        },
      ],
    },
  },
  // src/unkey is the Unkey adapter: of ours it imports only the Secret wrapper, the key mask and
  // the log mask, so the playbook can depend on it without a cycle.
  {
    files: ['src/unkey/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!(detect/secret|detect/mask|log/mask-secrets)\\.js$)',
              message:
                'src/unkey imports nothing of ours but src/detect/secret, src/detect/mask and src/log/mask-secrets.',
            },
          ],
        },
      ],
    },
  },
  // src/sinks may import src/github and the Secret wrapper only (DESIGN.md §3).
  {
    files: ['src/sinks/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../*',
                '!../github',
                '!../github/*',
                '!../detect',
                '../detect/*',
                '!../detect/secret.js',
              ],
              message: 'src/sinks imports only src/github and src/detect/secret.ts.',
            },
          ],
        },
      ],
    },
  },
  // The emulators are the demo's and the tests' world, never rootguard's: in src/ only the demo
  // (src/cli/demo/) imports them, so `serve`, `worker` and `scan` run without dev dependencies.
  // typescript-eslint's copy of the rule, so it adds to each folder's `no-restricted-imports`
  // above and below instead of replacing it.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/demo/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/emulators/**'], message: 'Only src/cli/demo imports the emulators.' }] },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/*'], message: 'Nothing imports src/cli.' }] },
      ],
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly' } },
  },
);
