// ESLint flat config: typescript-eslint's recommended rules, plus rootguard's layering: one table
// (`mayImport`) says which folders of src/ each folder may import, and a small local rule
// (`rootguard/may-import`) enforces it. src/README.md is the same table in prose.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * What each folder of src/ may import of ours, bottom to top (src/README.md says why). A row's
 * key is a folder under src/; a file takes the row of its longest matching folder, so
 * `report/incident/slack/x.ts` takes `report/incident`'s row. An entry is a folder (`detect`:
 * anything in it) or one file (`detect/secret.ts`); `(types)` after it allows `import type` only.
 * A folder's own files may always import each other. `cli: ['*']`: anything. A folder of src/
 * without a row fails test/eslint-import-table.test.ts; a folder split into rows (`report`) needs
 * a row for each of its subfolders.
 */
export const mayImport = {
  // The connection's type and where Redis is: imports nothing, so every folder may use it.
  redis: [],
  detect: [],
  github: ['redis (types)'],
  log: ['detect', 'config (types)'],
  config: [
    'redis',
    'detect',
    'github (types)',
    // The worker lock's defaults are the queue's (BullMQ semantics, documented there); the env
    // setting only overrides them. job-lock.ts imports nothing, so this edge makes no cycle.
    'queue/job-lock.ts',
  ],
  unkey: ['detect/secret.ts', 'detect/mask.ts', 'log/mask-secrets.ts'],
  incidents: ['detect', 'sources/occurrences', 'redis (types)'],
  queue: ['incidents', 'log', 'detect', 'redis'],
  sources: ['detect', 'github', 'config', 'incidents (types)'],
  sinks: ['github', 'detect/secret.ts'],
  playbook: ['unkey', 'sinks', 'sources', 'incidents', 'queue', 'config', 'detect', 'github', 'log'],
  // report sits above the playbook: it reads the playbook's published contract (step details,
  // the command answer's type), never the other way round. Its subfolders have tighter rows.
  report: [
    'redis (types)',
    'playbook/step-names.ts',
    'playbook/step-details.ts',
    'playbook/commands (types)',
    'incidents',
    'sources',
    'queue',
    'config',
    'detect',
    'github',
    'log',
  ],
  'report/markdown': ['detect', 'log'],
  'report/check-run': ['report/markdown', 'incidents', 'sources', 'detect', 'github'],
  'report/review': [
    'report/markdown',
    'report/check-run/key-advice.ts',
    'report/check-run/check-run-output.ts',
    'incidents',
    'sources',
    'detect',
    'github',
  ],
  'report/incident': [
    'report/markdown',
    // GITHUB_TEXT_MAX_CHARS, the limit of every GitHub text the reporters write.
    'report/check-run/check-run-output.ts',
    // What a reporter runs with: the per-reporter lock, its waits and refusals, its dependencies.
    'report/notify/report-lock.ts',
    'report/notify/notify-wait.ts',
    'report/notify/notify-dependencies.ts (types)',
    // slackMessageFor: which Slack message a trigger sends (also decides whether a Slack job is queued).
    'report/notify/enqueue-notify.ts',
    'playbook/step-names.ts',
    'playbook/step-details.ts',
    'incidents',
    'sources',
    'queue',
    'config',
    'github',
  ],
  'report/notify': ['report/incident', 'incidents', 'queue', 'github', 'redis (types)'],
  'report/command-answer': ['report/markdown', 'playbook/commands (types)', 'incidents', 'github'],
  'report/formats': ['detect', 'sources'],
  scan: [
    'sources',
    'report/check-run',
    'report/review',
    'incidents',
    'queue',
    'config',
    'detect',
    'github',
    'log',
  ],
  // Missed deliveries: reads the App's delivery log, checks the receiver's delivery ledger.
  sweep: ['queue', 'log', 'github (types)', 'redis (types)'],
  app: ['queue', 'github', 'config'],
  // Probes, metrics and the queue board: the Redis checks are the queue's, the mask the log's.
  // incidents (types): the label sets are checked against the statuses and outcomes they copy.
  observe: ['queue', 'log', 'incidents (types)', 'redis (types)'],
  cli: ['*'],
};

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src');
const rowKeys = Object.keys(mayImport).sort((a, b) => b.length - a.length);

/** `a/b/c.ts` → the longest row key it sits in (`a/b` before `a`), or undefined. */
function rowOf(fromSrc) {
  return rowKeys.find((key) => fromSrc.startsWith(`${key}/`));
}

/** A row entry parsed: the path it allows and whether only `import type` may use it. */
function parseEntry(entry) {
  const typesOnly = entry.endsWith(' (types)');
  return { target: typesOnly ? entry.slice(0, -' (types)'.length) : entry, typesOnly };
}

/** Whether an import of `target` (src-relative, `.ts`) is allowed by an entry's path. */
function entryCovers(entryPath, target) {
  return entryPath === '*' || target === entryPath || target.startsWith(`${entryPath}/`);
}

/** Whether an import or export declaration brings in types only. */
function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** The rule behind the table: a relative import that leaves its row's folder must be in its row. */
const mayImportRule = {
  meta: {
    type: 'problem',
    docs: { description: "Imports follow eslint.config.js's mayImport table (src/README.md)." },
    schema: [],
    messages: {
      notInRow:
        "src/{{row}} may import {{allowed}}: '{{source}}' is src/{{target}} (the mayImport table in eslint.config.js; src/README.md says why).",
      outsideSrc: "src/ imports nothing outside src/ but the demo's emulators: '{{source}}'.",
      typesOnly:
        "src/{{row}} may import only types from src/{{entry}}: '{{source}}' imports values (use `import type`, or change the mayImport table in eslint.config.js).",
    },
  },
  create(context) {
    const fromSrc = path.relative(SRC, context.filename).split(path.sep).join('/');
    if (fromSrc.startsWith('..')) return {};
    const row = rowOf(fromSrc);
    if (row === undefined) return {};
    const entries = mayImport[row].map(parseEntry);
    const allowed =
      entries.length === 0 ? 'nothing of ours outside itself' : `only ${mayImport[row].join(', ')}`;

    function check(sourceNode, typeOnly) {
      const source = sourceNode?.type === 'Literal' ? sourceNode.value : undefined;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const resolved = path.resolve(path.dirname(context.filename), source);
      const target = path.relative(SRC, resolved).split(path.sep).join('/').replace(/\.js$/, '.ts');
      if (target.startsWith('..')) {
        // The emulators: the block further down fences them (only src/cli/demo). Nothing else
        // outside src/ (tests, bench, scripts) is rootguard's.
        if (!target.startsWith('../emulators/')) {
          context.report({ node: sourceNode, messageId: 'outsideSrc', data: { source } });
        }
        return;
      }
      if (rowOf(target) === row) return; // its own folder
      const entry = entries.find((e) => entryCovers(e.target, target));
      if (entry === undefined) {
        context.report({ node: sourceNode, messageId: 'notInRow', data: { row, allowed, source, target } });
      } else if (entry.typesOnly && !typeOnly) {
        context.report({
          node: sourceNode,
          messageId: 'typesOnly',
          data: { row, entry: entry.target, source },
        });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node.source, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node.source, false),
    };
  },
};

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
  // The table, for every file of src/ (its own rule, so it adds to the blocks below instead of
  // replacing them). Nothing has `cli` in its row and only `cli` has `app`: nothing imports the
  // CLI, and only the CLI imports the app.
  {
    files: ['src/**/*.ts'],
    plugins: { rootguard: { rules: { 'may-import': mayImportRule } } },
    rules: { 'rootguard/may-import': 'error' },
  },
  // src/detect is pure (../shared/STYLE.md "A pure detector"): beyond its empty row, no I/O
  // module, no logger, no network, no process.
  {
    files: ['src/detect/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: impureModules.map((name) => ({
            name,
            message: 'src/detect is pure: no I/O. Pass bytes in.',
          })),
        },
      ],
      'no-console': 'error',
      'no-restricted-globals': ['error', 'fetch', 'process'],
    },
  },
  // The emulators are the demo's and the tests' world, never rootguard's: in src/ only the demo
  // (src/cli/demo/) imports them, so `serve`, `worker` and `scan` run without dev dependencies.
  // typescript-eslint's copy of the rule, so it adds to src/detect's `no-restricted-imports`
  // above instead of replacing it.
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
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly' } },
  },
);
