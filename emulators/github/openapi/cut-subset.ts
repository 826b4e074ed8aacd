// Cuts the operations the emulator serves out of GitHub's OpenAPI description, with every
// `$ref` they reach, into subset.json. Run: `npx tsx emulators/github/openapi/cut-subset.ts`.
// The emulator reads only subset.json, so @octokit/openapi stays a dev dependency; a test runs
// cutSubset() again and compares, so the checked-in file cannot drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The operations rootguard calls, by GitHub operationId. */
export const SUBSET_OPERATION_IDS = [
  'apps/get-authenticated',
  'apps/create-installation-access-token',
  'apps/get-installation',
  'apps/get-repo-installation',
  'apps/get-org-installation',
  'apps/create-from-manifest',
  'apps/list-webhook-deliveries',
  'apps/redeliver-webhook-delivery',
  'apps/list-installations',
  'apps/get-webhook-config-for-app',
  'repos/get',
  'repos/get-content',
  'repos/compare-commits',
  'repos/get-commit',
  'repos/list-commits',
  'repos/get-collaborator-permission-level',
  'teams/get-membership-for-user-in-org',
  'repos/list-pull-requests-associated-with-commit',
  'git/get-blob',
  'pulls/get',
  'pulls/list-commits',
  'pulls/list-files',
  'pulls/create-review',
  'pulls/list-reviews',
  'pulls/list-review-comments',
  'pulls/create-review-comment',
  'checks/create',
  'checks/update',
  'checks/get',
  'checks/list-for-ref',
  'checks/list-annotations',
  'issues/create',
  'issues/get',
  'issues/update',
  'issues/list-for-repo',
  'issues/create-comment',
  'issues/list-comments',
  'issues/update-comment',
  'actions/get-workflow-run',
  'actions/list-jobs-for-workflow-run',
  'actions/get-job-for-workflow-run',
  'actions/download-job-logs-for-workflow-run',
  'actions/download-workflow-run-logs',
  'actions/delete-workflow-run-logs',
  'actions/get-repo-public-key',
  'actions/list-repo-secrets',
  'actions/create-or-update-repo-secret',
  'actions/get-environment-public-key',
  'actions/list-environment-secrets',
  'actions/create-or-update-environment-secret',
  'actions/get-org-public-key',
  'actions/get-org-secret',
  'actions/list-selected-repos-for-org-secret',
  'actions/create-or-update-org-secret',
  'secret-scanning/get-alert',
  'secret-scanning/list-locations-for-alert',
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// Prose and examples are most of the file's bytes and nothing validates against them.
const DROPPED_KEYS = new Set(['description', 'summary', 'examples', 'example', 'externalDocs']);

/** Drops prose and examples; keeps a property that happens to be named like one. */
function strip(value: Json, parentKey = ''): Json {
  if (Array.isArray(value)) return value.map((item) => strip(item));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const isSchemaMap = parentKey === 'properties' || parentKey === 'schemas';
    if (!isSchemaMap && DROPPED_KEYS.has(key)) continue;
    out[key] = strip(child, key);
  }
  return out;
}

function collectRefs(value: Json, refs: Set<string>): void {
  if (Array.isArray(value)) return value.forEach((item) => collectRefs(item, refs));
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') refs.add(child);
    else collectRefs(child, refs);
  }
}

function resolvePointer(doc: JsonObject, ref: string): Json {
  const parts = ref.replace(/^#\//, '').split('/');
  let node: Json = doc;
  for (const part of parts) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new Error(`bad $ref ${ref}`);
    node = (node as JsonObject)[part.replace(/~1/g, '/').replace(/~0/g, '~')] ?? null;
  }
  if (node === null) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

/** Builds the subset document from the full description. */
export function cutSubset(full: JsonObject): JsonObject {
  const wanted = new Set<string>(SUBSET_OPERATION_IDS);
  const paths: JsonObject = {};
  for (const [path, item] of Object.entries(full['paths'] as JsonObject)) {
    for (const [method, op] of Object.entries(item as JsonObject)) {
      const id = (op as JsonObject)['operationId'];
      if (typeof id !== 'string' || !wanted.has(id)) continue;
      wanted.delete(id);
      const pathItem = (paths[path] ??= {}) as JsonObject;
      pathItem[method] = strip(op);
    }
  }
  if (wanted.size > 0) throw new Error(`operations missing from the description: ${[...wanted].join(', ')}`);

  const components: Record<string, JsonObject> = {};
  const seen = new Set<string>();
  const queue = new Set<string>();
  collectRefs(paths, queue);
  while (queue.size > 0) {
    const [ref] = queue as unknown as [string];
    queue.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, , kind, name] = ref.split('/') as [string, string, string, string];
    const node = strip(resolvePointer(full, ref));
    (components[kind] ??= {})[name] = node;
    const more = new Set<string>();
    collectRefs(node, more);
    for (const r of more) if (!seen.has(r)) queue.add(r);
  }
  const sorted: JsonObject = {};
  for (const kind of Object.keys(components).sort()) {
    const entries = Object.entries(components[kind]!).sort(([a], [b]) => a.localeCompare(b));
    sorted[kind] = Object.fromEntries(entries);
  }
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  const info = full['info'] as JsonObject;
  return {
    openapi: full['openapi'] ?? null,
    info: { title: info['title'] ?? null, version: info['version'] ?? null },
    paths: sortedPaths,
    components: sorted,
  };
}

/** Reads the full description from @octokit/openapi (dev dependency) and cuts it. */
export function cutSubsetFromPackage(): string {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const full = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
  return JSON.stringify(cutSubset(full), null, 1) + '\n';
}

export const SUBSET_FILE = fileURLToPath(new URL('./subset.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SUBSET_FILE, cutSubsetFromPackage());
}
