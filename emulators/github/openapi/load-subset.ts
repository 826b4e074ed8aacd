// Loads the checked-in OpenAPI subset and rewrites OpenAPI 3.0's `nullable` into JSON Schema
// (`type: [t, 'null']`, or `anyOf` with null when there is no `type`), so plain ajv can use it.
import { readFileSync } from 'node:fs';

/** A JSON value as parsed from the description. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

function rewriteNullable(value: Json): Json {
  if (Array.isArray(value)) return value.map(rewriteNullable);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) out[key] = rewriteNullable(child);
  if (out['nullable'] !== true) return out;
  delete out['nullable'];
  if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
  if (typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** The subset document, ready for ajv. */
export function loadSubset(): JsonObject {
  const file = new URL('./subset.json', import.meta.url);
  return rewriteNullable(JSON.parse(readFileSync(file, 'utf8')) as Json) as JsonObject;
}
