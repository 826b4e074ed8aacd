// Checks request bodies against GitHub's own OpenAPI description (@octokit/openapi), so a test
// fails when rootguard sends GitHub something the API would reject.
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

interface Operation {
  requestBody?: { content: Record<string, { schema: object }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: object;
}

let spec: Spec | undefined;
const ajv = new Ajv({ strict: false, allErrors: true });
const compiled = new Map<string, ValidateFunction>();

/** Errors GitHub's description finds in `body` for `method path` (a template such as `/repos/{owner}/{repo}/check-runs`). */
export function requestBodyErrors(method: string, path: string, body: unknown): string[] {
  const id = `${method} ${path}`;
  let validate = compiled.get(id);
  if (validate === undefined) {
    spec ??= require('@octokit/openapi/generated/api.github.com.json') as Spec;
    const schema = spec.paths[path]?.[method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
    if (schema === undefined) throw new Error(`no request body schema for ${id}`);
    // The operation's schema refers to `#/components/...`: give it the components as its own.
    validate = ajv.compile({ ...schema, components: spec.components });
    compiled.set(id, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** The description's path template that `path` (with or without a query) is an instance of. */
export function pathTemplate(method: string, path: string): string {
  spec ??= require('@octokit/openapi/generated/api.github.com.json') as Spec;
  const bare = path.split('?')[0] as string;
  const matches = Object.keys(spec.paths).filter(
    (template) =>
      spec!.paths[template]?.[method.toLowerCase()] !== undefined &&
      new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare),
  );
  // `/pulls/{pull_number}/comments` over `/pulls/comments/{comment_id}`: the fewest parameters win.
  matches.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  if (matches[0] === undefined) throw new Error(`GitHub's description has no ${method} ${bare}`);
  return matches[0];
}

/** Every sent body that GitHub's description rejects, with the reasons. */
export function invalidRequests(
  sent: readonly { method: string; path: string; body: unknown }[],
): { request: string; errors: string[] }[] {
  return sent
    .filter((request) => request.body !== undefined)
    .map((request) => ({
      request: `${request.method} ${request.path}`,
      errors: requestBodyErrors(request.method, pathTemplate(request.method, request.path), request.body),
    }))
    .filter((result) => result.errors.length > 0);
}
