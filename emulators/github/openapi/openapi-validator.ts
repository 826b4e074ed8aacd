// Matches requests to the subset's operations and checks requests and responses against it.
import { Ajv, type ValidateFunction } from 'ajv';
import { loadSubset, type Json, type JsonObject } from './load-subset.js';

/** One operation matched for a request. */
export interface MatchedRoute {
  operationId: string;
  method: string;
  template: string;
  pathParams: Record<string, string>;
  operation: JsonObject;
}

interface CompiledRoute {
  template: string;
  method: string;
  regex: RegExp;
  names: string[];
  operation: JsonObject;
  literalSegments: number;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function escapePointer(part: string): string {
  return part.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Validates against GitHub's description (the checked-in subset). */
export class OpenApiValidator {
  readonly #doc: JsonObject;
  readonly #ajv: Ajv;
  readonly #routes: CompiledRoute[] = [];
  readonly #cache = new Map<string, ValidateFunction>();

  constructor() {
    this.#doc = loadSubset();
    this.#ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
    // ajv-formats is not installed: check the two formats that matter, accept the rest.
    this.#ajv.addFormat('date-time', DATE_TIME);
    this.#ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:/i);
    this.#ajv.addFormat('email', /@/);
    this.#ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    this.#ajv.addSchema({ ...this.#doc, $id: 'gh' } as object);
    for (const [template, item] of Object.entries(this.#doc['paths'] as JsonObject)) {
      for (const [method, op] of Object.entries(item as JsonObject)) {
        const operation = op as JsonObject;
        const names: string[] = [];
        const params = this.parameters(operation);
        const source = template
          .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
          .replace(/\{(\w+)\}/g, (_m, name: string) => {
            names.push(name);
            const multi = params.find((p) => p['name'] === name)?.['x-multi-segment'] === true;
            return multi ? '(.+)' : '([^/]+)';
          });
        const literalSegments = template.split('/').filter((s) => s && !s.startsWith('{')).length;
        this.#routes.push({
          template,
          method: method.toUpperCase(),
          regex: new RegExp(`^${source}$`),
          names,
          operation,
          literalSegments,
        });
      }
    }
    this.#routes.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** The operation for a method and path, or why there is none. */
  match(method: string, path: string): MatchedRoute | { problem: string } {
    let pathMatched = false;
    for (const route of this.#routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const pathParams: Record<string, string> = {};
      route.names.forEach((name, i) => (pathParams[name] = decodeURIComponent(m[i + 1]!)));
      return {
        operationId: String(route.operation['operationId']),
        method,
        template: route.template,
        pathParams,
        operation: route.operation,
      };
    }
    return { problem: pathMatched ? `method ${method} not documented for ${path}` : `no documented route` };
  }

  /** Problems with path/query parameters and the JSON body; empty when valid. */
  validateRequest(route: MatchedRoute, query: URLSearchParams, body: Json | undefined): string[] {
    const problems: string[] = [];
    for (const param of this.parameters(route.operation)) {
      const name = String(param['name']);
      const where = param['in'];
      const raw = where === 'path' ? route.pathParams[name] : where === 'query' ? query.get(name) : undefined;
      if (where !== 'path' && where !== 'query') continue;
      if (raw === undefined || raw === null) {
        if (param['required'] === true) problems.push(`${where} parameter ${name} is required`);
        continue;
      }
      const schema = (param['schema'] ?? {}) as JsonObject;
      const typed =
        typeof schema['$ref'] === 'string' ? (this.resolve(schema['$ref']) as JsonObject) : schema;
      const value = coerce(raw, typed);
      const validate = this.compileParam(schema);
      if (!validate(value))
        problems.push(`${where} parameter ${name}: ${this.#ajv.errorsText(validate.errors)}`);
    }
    const requestBody = route.operation['requestBody'] as JsonObject | undefined;
    if (requestBody) {
      const pointer = `#/paths/${escapePointer(route.template)}/${route.method.toLowerCase()}/requestBody/content/application~1json/schema`;
      if (body === undefined) {
        if (requestBody['required'] === true) problems.push('request body is required');
      } else {
        problems.push(...this.check(pointer, body, 'request body'));
      }
    }
    return problems;
  }

  /** Problems with a response the emulator produced; empty when it matches the description. */
  validateResponse(
    route: MatchedRoute,
    status: number,
    body: Json | undefined,
    contentType: string,
  ): string[] {
    const responses = route.operation['responses'] as JsonObject;
    const key = String(status) in responses ? String(status) : 'default' in responses ? 'default' : undefined;
    // GitHub answers 404/422/... on operations whose description leaves them out: only a
    // success status must be documented.
    if (key === undefined) return status >= 400 ? [] : [`response status ${status} is not documented`];
    let response = responses[key] as JsonObject;
    let pointer = `#/paths/${escapePointer(route.template)}/${route.method.toLowerCase()}/responses/${key}`;
    if (typeof response['$ref'] === 'string') {
      pointer = response['$ref'];
      response = this.resolve(pointer) as JsonObject;
    }
    const content = response['content'] as JsonObject | undefined;
    if (!content || !contentType.startsWith('application/json')) return [];
    if (!('application/json' in content)) return [`status ${status} documents no JSON body`];
    if (body === undefined) return [`status ${status} needs a JSON body`];
    return this.check(`${pointer}/content/application~1json/schema`, body, 'response body');
  }

  private check(pointer: string, value: Json, what: string): string[] {
    let validate = this.#cache.get(pointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `gh${pointer}` });
      this.#cache.set(pointer, validate);
    }
    if (validate(value)) return [];
    return [`${what}: ${this.#ajv.errorsText(validate.errors, { dataVar: what.split(' ')[0] })}`];
  }

  private compileParam(schema: JsonObject): ValidateFunction {
    const key = `param:${JSON.stringify(schema)}`;
    let validate = this.#cache.get(key);
    if (!validate) {
      // A parameter schema is compiled on its own: its local $refs point into the document.
      const rooted = JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"gh#/')) as object;
      validate = this.#ajv.compile(rooted);
      this.#cache.set(key, validate);
    }
    return validate;
  }

  private parameters(operation: JsonObject): JsonObject[] {
    const list = (operation['parameters'] ?? []) as JsonObject[];
    return list.map((p) => (typeof p['$ref'] === 'string' ? (this.resolve(p['$ref']) as JsonObject) : p));
  }

  private resolve(ref: string): Json {
    let node: Json = this.#doc;
    for (const part of ref.replace(/^#\//, '').split('/')) {
      node = (node as JsonObject)[part.replace(/~1/g, '/').replace(/~0/g, '~')] ?? null;
    }
    return node;
  }
}

function coerce(raw: string, schema: JsonObject): Json {
  const type = Array.isArray(schema['type']) ? schema['type'][0] : schema['type'];
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}
