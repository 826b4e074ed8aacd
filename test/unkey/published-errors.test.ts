import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { UnkeyError } from '../../src/unkey/errors.js';
import { UnkeyRequestError, UnkeyResponseError, UnkeyRetryableError } from '../../src/unkey/errors.js';
import { BASE, errorBody, failure, ok, testClient, unkey, useNock } from './unkey-nock.js';

useNock();

describe('published routes (SDK): errors', () => {
  it.each([
    [400, 'bad-request', 'application/invalid_input'],
    [401, 'unauthorized', 'authentication/key_not_found'],
    [403, 'forbidden', 'authorization/insufficient_permissions'],
    [404, 'not-found', 'data/key_not_found'],
  ] as const)('%i is a final UnkeyRequestError with the type and request id', async (status, code, type) => {
    unkey()
      .post('/v2/keys.getKey')
      .reply(status, errorBody(status, `unkey/${type}`, 'Detail from Unkey.', 'req_abc'));
    const error = await failure(testClient().getApiKey('key_123456789'));
    expect(error).toBeInstanceOf(UnkeyRequestError);
    expect(error).toMatchObject({
      name: 'UnkeyRequestError',
      code,
      retryable: false,
      status,
      unkeyType: `https://unkey.com/docs/errors/unkey/${type}`,
      requestId: 'req_abc',
      operation: 'keys.getKey',
    });
    expect(error.message).toContain('Detail from Unkey.');
    expect(error.message).toContain('req_abc');
  });

  it('a 500 is retryable, and the SDK sends it once (its retries are off)', async () => {
    const scope = unkey()
      .post('/v2/keys.rerollKey')
      .reply(500, errorBody(500, 'unkey/application/unexpected_error'));
    const error = await failure(testClient().rerollApiKey('key_123456789', 0));
    expect(error).toBeInstanceOf(UnkeyRetryableError);
    expect(error).toMatchObject({ code: 'server-error', retryable: true, status: 500 });
    expect(scope.isDone()).toBe(true);
    // A second interceptor would be consumed by a retry; none was.
    const spare = nock(BASE).post('/v2/keys.rerollKey').reply(500, {});
    expect(spare.isDone()).toBe(false);
    nock.cleanAll();
  });

  it('a 503 without an envelope is retryable', async () => {
    unkey().post('/v2/keys.getKey').reply(503, 'upstream unavailable', { 'content-type': 'text/plain' });
    const error = await failure(testClient().getApiKey('key_123456789'));
    expect(error).toMatchObject({ code: 'server-error', retryable: true, status: 503 });
  });

  it('a 429 with Retry-After in seconds is retryable with retryAfterMs', async () => {
    unkey().post('/v2/keys.updateKey').reply(429, errorBody(429, 'unkey/limits/rate_limited'), {
      'Retry-After': '7',
      'content-type': 'application/problem+json',
    });
    const error = await failure(
      testClient().updateApiKeyMeta('key_123456789', { rootguard: { incident: 'i1' } }),
    );
    expect(error).toBeInstanceOf(UnkeyRetryableError);
    expect(error).toMatchObject({ code: 'rate-limited', status: 429, retryAfterMs: 7000 });
  });

  it('a 429 with Retry-After as an HTTP date is measured from now()', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    unkey().post('/v2/keys.getKey').reply(429, errorBody(429, 'unkey/limits/rate_limited'), {
      'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT',
    });
    const error = await failure(testClient({ now: () => now }).getApiKey('key_123456789'));
    expect(error).toMatchObject({ code: 'rate-limited', retryAfterMs: 30_000 });
  });

  it('a 429 without Retry-After is retryable without retryAfterMs', async () => {
    unkey().post('/v2/keys.getKey').reply(429, errorBody(429, 'unkey/limits/rate_limited'));
    const error = (await failure(testClient().getApiKey('key_123456789'))) as UnkeyError;
    expect(error).toMatchObject({ code: 'rate-limited', retryable: true });
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('a network error is retryable', async () => {
    unkey().post('/v2/keys.getKey').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const error = await failure(testClient().getApiKey('key_123456789'));
    expect(error).toBeInstanceOf(UnkeyRetryableError);
    expect(error).toMatchObject({ code: 'network-error', retryable: true, operation: 'keys.getKey' });
  });

  it('a request that outlives timeoutMs is a retryable timeout', async () => {
    // A fetch that answers only when its signal aborts: the SDK's own timeout must fire.
    const hanging: typeof fetch = (input) =>
      new Promise((_resolve, reject) => {
        const signal = input instanceof Request ? input.signal : undefined;
        signal?.addEventListener('abort', () => reject(signal.reason));
      });
    const error = await failure(testClient({ fetch: hanging, timeoutMs: 20 }).getApiKey('key_123456789'));
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('a 200 the SDK cannot read is a final UnkeyResponseError', async () => {
    unkey()
      .post('/v2/keys.getKey')
      .reply(200, ok({ keyId: 42 }));
    const error = await failure(testClient().getApiKey('key_123456789'));
    expect(error).toBeInstanceOf(UnkeyResponseError);
    expect(error).toMatchObject({ code: 'unreadable-response', retryable: false, status: 200 });
  });
});

describe('published routes (SDK): answers', () => {
  it('getApiKey asks for no plaintext (decrypt: false) and returns the key without it', async () => {
    unkey()
      .post('/v2/keys.getKey', { keyId: 'key_123456789', decrypt: false })
      .reply(
        200,
        ok({
          keyId: 'key_123456789',
          start: 'acme_3x',
          enabled: true,
          createdAt: 1,
          meta: { a: 1 },
          name: 'n',
        }),
      );
    expect(await testClient().getApiKey('key_123456789')).toEqual({
      keyId: 'key_123456789',
      start: 'acme_3x',
      enabled: true,
      createdAt: 1,
      meta: { a: 1 },
      name: 'n',
    });
  });

  it('updateApiKeyMeta sends exactly keyId and meta', async () => {
    const meta = { rootguard: { incident: 'inc_1', reason: 'created by the leaked key' } };
    unkey().post('/v2/keys.updateKey', { keyId: 'key_123456789', meta }).reply(200, ok({}));
    await testClient().updateApiKeyMeta('key_123456789', meta);
  });
});
