import { errorFromFetchFailure, type UnkeyAnswer } from './error-from-response.js';

/** One POST to Unkey, as plain fetch. */
export interface SendPostOptions {
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  /** The operation, e.g. `rootKeys.listKeys`: the path is `/v2/<operation>`. */
  readonly operation: string;
  /** The bearer. Read at the moment of sending; never kept, never put in an error. */
  readonly bearer: { reveal(): string };
  readonly body: unknown;
}

/**
 * Sends `POST <baseUrl>/v2/<operation>` with a JSON body and a timeout, and reads the whole
 * answer. Throws `UnkeyRetryableError` (timeout, network) when there is no answer; any status is
 * returned for the caller to classify.
 */
export async function sendPost(options: SendPostOptions): Promise<UnkeyAnswer> {
  const { operation, timeoutMs } = options;
  try {
    // The signal covers the body too: a server that stalls mid-answer times out as well.
    const response = await options.fetch(`${options.baseUrl}/v2/${operation}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.bearer.reveal()}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(options.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    throw errorFromFetchFailure(operation, error, timeoutMs);
  }
}
