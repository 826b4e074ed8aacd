// Checks request and response bodies against the merged Unkey description (OpenAPI 3.1, so
// JSON Schema 2020-12: ajv's 2020 build).
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { Json, JsonObject, UnkeyContract } from './load-contract.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function escapePointer(part: string): string {
  return part.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The published `BadRequestErrorDetails` is `allOf: [BaseError, {errors}]`, but `BaseError`
 * has `additionalProperties: false`, so no body satisfies both (Unkey's real 400s carry
 * `errors`). Inside that `allOf` the emulator uses an open copy of `BaseError`.
 */
function openBadRequestDetails(doc: JsonObject): void {
  const schemas = (doc['components'] as JsonObject)['schemas'] as JsonObject;
  const base = schemas['BaseError'] as JsonObject | undefined;
  const details = schemas['BadRequestErrorDetails'] as JsonObject | undefined;
  if (!base || !details || !Array.isArray(details['allOf'])) return;
  const open: JsonObject = { ...base };
  delete open['additionalProperties'];
  schemas['EmulatorOpenBaseError'] = open;
  details['allOf'] = details['allOf'].map((part) =>
    (part as JsonObject)['$ref'] === '#/components/schemas/BaseError'
      ? { $ref: '#/components/schemas/EmulatorOpenBaseError' }
      : part,
  );
}

/** Validates bodies per operation and status. */
export class ContractValidator {
  readonly #contract: UnkeyContract;
  readonly #ajv: Ajv2020;
  readonly #cache = new Map<string, ValidateFunction>();

  constructor(contract: UnkeyContract) {
    this.#contract = contract;
    openBadRequestDetails(contract.doc);
    // strict: false lets the x-* extensions, `example` and OpenAPI keywords through.
    this.#ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
    this.#ajv.addFormat('date-time', DATE_TIME);
    this.#ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    this.#ajv.addFormat('int', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    this.#ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    this.#ajv.addSchema({ ...contract.doc, $id: 'unkey' } as object);
  }

  /** Problems with a request body; empty when valid. */
  validateRequest(operationId: string, body: Json | undefined): string[] {
    const { path, method, operation } = this.operation(operationId);
    const requestBody = operation['requestBody'] as JsonObject | undefined;
    if (!requestBody) return body === undefined ? [] : ['operation takes no request body'];
    if (body === undefined) return requestBody['required'] === true ? ['request body is required'] : [];
    const pointer = `#/paths/${escapePointer(path)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
    return this.check(pointer, body, 'body');
  }

  /** Problems with a response the emulator produced; empty when it matches the description. */
  validateResponse(operationId: string, status: number, body: Json, contentType: string): string[] {
    const { path, method, operation } = this.operation(operationId);
    const responses = operation['responses'] as JsonObject;
    // Unkey answers statuses some draft operations leave out (e.g. 403 on rootKeys.listKeys
    // for a disabled key): only a success status must be documented, as in the GitHub emulator.
    if (!(String(status) in responses))
      return status >= 400 ? [] : [`response status ${status} is not documented`];
    const content = (responses[String(status)] as JsonObject)['content'] as JsonObject | undefined;
    if (!content) return [];
    if (!(contentType in content)) return [`status ${status} documents no ${contentType} body`];
    const pointer = `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}/content/${escapePointer(contentType)}/schema`;
    return this.check(pointer, body, 'response');
  }

  /** The content type the description gives a status (429 is `application/problem+json`). */
  contentType(operationId: string, status: number): string {
    const responses = this.operation(operationId).operation['responses'] as JsonObject;
    const content = (responses[String(status)] as JsonObject | undefined)?.['content'] as
      JsonObject | undefined;
    return content ? (Object.keys(content)[0] ?? 'application/json') : 'application/json';
  }

  private operation(operationId: string): { path: string; method: string; operation: JsonObject } {
    const where = this.#contract.paths.get(operationId);
    if (!where) throw new Error(`emulator: no operation ${operationId} in the contract`);
    const item = (this.#contract.doc['paths'] as JsonObject)[where.path] as JsonObject;
    return { ...where, operation: item[where.method.toLowerCase()] as JsonObject };
  }

  private check(pointer: string, value: Json, what: string): string[] {
    let validate = this.#cache.get(pointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `unkey${pointer}` });
      this.#cache.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => {
      const extra = (e.params as { additionalProperty?: string }).additionalProperty;
      const where = `${what}${e.instancePath.replaceAll('/', '.')}`;
      return `${where} ${e.message ?? 'is invalid'}${extra ? `: ${extra}` : ''}`;
    });
  }
}
