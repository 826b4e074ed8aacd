import { Unkey } from '@unkey/api';
import { HTTPClient } from '@unkey/api/lib/http.js';
import * as sdkErrors from '@unkey/api/models/errors';
import { errorFromAnswer } from './error-from-response.js';
import { UnkeyRequestError, UnkeyResponseError, UnkeyRetryableError, type UnkeyError } from './errors.js';
import type { Page } from './upcoming-client.js';
import type { UnkeyTransport } from './unkey-transport.js';

/** An API key (one of a customer's APIs) as Unkey describes it, without its plaintext. */
export interface ApiKeyInfo {
  keyId: string;
  start: string;
  name?: string;
  meta?: Record<string, unknown>;
  createdAt: number;
  updatedAt?: number;
  enabled: boolean;
}

/** How the published client reaches Unkey. */
export type PublishedClientOptions = UnkeyTransport;

/** The published endpoints rootguard uses, through the official SDK, one page per call. */
export interface PublishedClient {
  listApiKeys(apiId: string, cursor?: string): Promise<Page<ApiKeyInfo>>;
  getApiKey(keyId: string): Promise<ApiKeyInfo>;
  updateApiKeyMeta(keyId: string, meta: Record<string, unknown>): Promise<void>;
  rerollApiKey(keyId: string, expirationMs: number): Promise<{ keyId: string }>;
}

const PAGE_SIZE = 100;

// The SDK logs whole requests, bearer included, when UNKEY_DEBUG is set: give it a logger that drops everything.
const silentLogger = { group() {}, groupEnd() {}, log() {} };

/** `@unkey/api` with its retries off (the queue retries, after recording what it knows). */
export function createPublishedClient(options: PublishedClientOptions): PublishedClient {
  const fetchImpl = options.fetch;
  const sdk = new Unkey({
    serverURL: options.baseUrl,
    // A function, so the plaintext is read per request and never sits in the SDK's options.
    rootKey: () => Promise.resolve(options.rootKey.reveal()),
    retryConfig: { strategy: 'none' },
    timeoutMs: options.timeoutMs,
    httpClient: new HTTPClient({ fetcher: (input, init) => fetchImpl(input, init) }),
    debugLogger: silentLogger,
  });

  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw mapSdkError(operation, error, options);
    }
  }

  return {
    async listApiKeys(apiId, cursor) {
      const first = await call('apis.listKeys', () =>
        sdk.apis.listKeys({ apiId, limit: PAGE_SIZE, ...(cursor !== undefined && { cursor }) }),
      );
      const { data, pagination } = first.result;
      const items = data.map(toApiKeyInfo);
      return pagination.hasMore && pagination.cursor ? { items, cursor: pagination.cursor } : { items };
    },

    async getApiKey(keyId) {
      const answer = await call('keys.getKey', () => sdk.keys.getKey({ keyId }));
      return toApiKeyInfo(answer.data);
    },

    async updateApiKeyMeta(keyId, meta) {
      await call('keys.updateKey', () => sdk.keys.updateKey({ keyId, meta }));
    },

    async rerollApiKey(keyId, expirationMs) {
      const answer = await call('keys.rerollKey', () =>
        sdk.keys.rerollKey({ keyId, expiration: expirationMs }),
      );
      // The new key's plaintext is not ours to keep: only its id leaves this function.
      return { keyId: answer.data.keyId };
    },
  };
}

function toApiKeyInfo(key: {
  keyId: string;
  start: string;
  name?: string | undefined;
  meta?: Record<string, unknown> | undefined;
  createdAt: number;
  updatedAt?: number | undefined;
  enabled: boolean;
}): ApiKeyInfo {
  return {
    keyId: key.keyId,
    start: key.start,
    ...(key.name !== undefined && { name: key.name }),
    ...(key.meta !== undefined && { meta: key.meta }),
    createdAt: key.createdAt,
    ...(key.updatedAt !== undefined && { updatedAt: key.updatedAt }),
    enabled: key.enabled,
  };
}

/**
 * The SDK's errors as ours. Its own messages are never passed on (an `APIError` quotes the whole
 * body, a `ResponseValidationError` holds the raw answer, which for a reroll is the new key).
 */
function mapSdkError(
  operation: string,
  error: unknown,
  options: { now: () => number; timeoutMs: number },
): UnkeyError {
  if (
    error instanceof sdkErrors.ResponseValidationError &&
    error.statusCode >= 200 &&
    error.statusCode <= 299
  ) {
    return new UnkeyResponseError(
      operation,
      `Unkey ${operation} answered ${error.statusCode} in a shape we cannot read`,
      {
        status: error.statusCode,
      },
    );
  }
  if (error instanceof sdkErrors.UnkeyError) {
    // Classified from status, headers and Unkey's envelope, the same way as the upcoming routes.
    const answer = { status: error.statusCode, headers: error.headers, body: error.body };
    return errorFromAnswer(operation, answer, { now: options.now(), routeAware: false });
  }
  if (error instanceof sdkErrors.RequestTimeoutError) {
    return new UnkeyRetryableError(
      'timeout',
      operation,
      `Unkey ${operation} did not answer within ${options.timeoutMs} ms`,
    );
  }
  if (
    error instanceof sdkErrors.ConnectionError ||
    error instanceof sdkErrors.RequestAbortedError ||
    error instanceof sdkErrors.UnexpectedClientError
  ) {
    return new UnkeyRetryableError(
      'network-error',
      operation,
      `Unkey ${operation} could not be reached: ${error.name}`,
    );
  }
  if (error instanceof sdkErrors.SDKValidationError || error instanceof sdkErrors.InvalidRequestError) {
    return new UnkeyRequestError(
      'invalid-request',
      operation,
      `Unkey ${operation} was not sent: the SDK rejected its input (${error.name})`,
    );
  }
  return new UnkeyResponseError(
    operation,
    `Unkey ${operation} failed in the SDK: ${error instanceof Error ? error.name : 'unknown error'}`,
  );
}
