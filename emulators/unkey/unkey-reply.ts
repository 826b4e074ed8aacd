// What a route handler returns, and the error it throws to answer like Unkey:
// `{ meta: { requestId }, error: { title, detail, status, type } }`.

/** A response the emulator sends (the pipeline adds `meta.requestId`). */
export interface Reply {
  status: number;
  /** JSON body without `meta`. */
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Unkey's error `type` URLs the emulator uses. */
export const ERROR_TYPES = {
  invalidInput: 'https://unkey.com/docs/errors/unkey/application/invalid_input',
  routeNotFound: 'https://unkey.com/docs/errors/unkey/application/route_not_found',
  unexpected: 'https://unkey.com/docs/errors/unkey/application/unexpected_error',
  keyNotFoundAuth: 'https://unkey.com/docs/errors/unkey/authentication/key_not_found',
  keyDisabled: 'https://unkey.com/docs/errors/unkey/authorization/key_disabled',
  workspaceDisabled: 'https://unkey.com/docs/errors/unkey/authorization/workspace_disabled',
  forbidden: 'https://unkey.com/docs/errors/unkey/authorization/forbidden',
  malformedAuth: 'https://unkey.com/docs/errors/unkey/authentication/malformed',
  insufficientPermissions: 'https://unkey.com/docs/errors/unkey/authorization/insufficient_permissions',
  apiNotFound: 'https://unkey.com/docs/errors/unkey/data/api_not_found',
  keyNotFound: 'https://unkey.com/docs/errors/unkey/data/key_not_found',
  rootKeyNotFound: 'https://unkey.com/docs/errors/unkey/data/root_key_not_found',
  tooManyRequests: 'https://unkey.com/docs/errors/user/too_many_requests',
} as const;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** One entry of a 400's `errors`. */
export interface ValidationProblem {
  location: string;
  message: string;
}

/** Thrown by handlers and the pipeline; becomes Unkey's error envelope. */
export class UnkeyHttpError extends Error {
  override readonly name = 'UnkeyHttpError';
  constructor(
    readonly status: number,
    readonly type: string,
    detail: string,
    readonly errors?: ValidationProblem[],
  ) {
    super(detail);
  }

  /** The reply for this error (the pipeline adds `meta`). */
  toReply(): Reply {
    return { status: this.status, body: this.toBody() };
  }

  /** The `error` object of the envelope. */
  toBody(): Record<string, unknown> {
    const error: Record<string, unknown> = {
      title: TITLES[this.status] ?? 'Error',
      detail: this.message,
      status: this.status,
      type: this.type,
    };
    if (this.errors) error['errors'] = this.errors;
    return { error };
  }
}

/** `200` with `data` (and `pagination` when given). */
export function ok(data: unknown, pagination?: { cursor?: string; hasMore: boolean }): Reply {
  return { status: 200, body: pagination ? { data, pagination } : { data } };
}
