// Loads Unkey's published description and the upstream draft operations, merged into one
// document (the draft file's shared `$ref`s resolve in the published one).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** A JSON value as parsed from the description. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** The merged description and which operations came from the draft file. */
export interface UnkeyContract {
  doc: JsonObject;
  /** operationId → path, for every operation (e.g. `keys.getKey` → `/v2/keys.getKey`). */
  paths: Map<string, { path: string; method: string }>;
  /** operationIds that only the upcoming (draft) file describes. */
  upcoming: Set<string>;
}

function readYaml(name: string): JsonObject {
  return parse(readFileSync(new URL(`./contracts/${name}`, import.meta.url), 'utf8')) as JsonObject;
}

function operations(doc: JsonObject): { operationId: string; path: string; method: string }[] {
  const out: { operationId: string; path: string; method: string }[] = [];
  for (const [path, item] of Object.entries(doc['paths'] as JsonObject))
    for (const [method, op] of Object.entries(item as JsonObject))
      out.push({
        operationId: String((op as JsonObject)['operationId']),
        path,
        method: method.toUpperCase(),
      });
  return out;
}

/** Reads both files from `./contracts/` and merges them. */
export function loadUnkeyContract(): UnkeyContract {
  const main = readYaml('unkey-openapi.yaml');
  const draft = readYaml('unkey-openapi-upcoming.yaml');
  const components = main['components'] as JsonObject;
  const doc: JsonObject = {
    ...main,
    paths: { ...(main['paths'] as JsonObject), ...(draft['paths'] as JsonObject) },
    components: {
      ...components,
      schemas: {
        ...(components['schemas'] as JsonObject),
        ...((draft['components'] as JsonObject)['schemas'] as JsonObject),
      },
    },
  };
  const paths = new Map<string, { path: string; method: string }>();
  for (const op of operations(doc)) paths.set(op.operationId, { path: op.path, method: op.method });
  return { doc, paths, upcoming: new Set(operations(draft).map((op) => op.operationId)) };
}
