import { describe, expect, it } from 'vitest';
import {
  RouteUnavailableError,
  UnkeyRequestError,
  UnkeyResponseError,
  UnkeyRetryableError,
} from '../../src/unkey/errors.js';
import { errorBody, failure, ok, testClient, unkey, useNock } from './unkey-nock.js';

useNock();

describe('upcoming routes: a 404 for the route vs a 404 for the resource', () => {
  it('a resource 404 (data/key_not_found) is a final UnkeyRequestError', async () => {
    unkey()
      .post('/v2/rootKeys.rerollKey', { keyId: 'key_unknown1', expiration: 0 })
      .reply(404, errorBody(404, 'unkey/data/key_not_found', 'The key does not exist.', 'req_nf'));
    const error = await failure(testClient().rerollRootKey('key_unknown1'));
    expect(error).toBeInstanceOf(UnkeyRequestError);
    expect(error).toMatchObject({
      code: 'not-found',
      status: 404,
      requestId: 'req_nf',
      operation: 'rootKeys.rerollKey',
    });
  });

  it('a 404 with route_not_found is RouteUnavailableError, even under /data/', async () => {
    unkey()
      .post('/v2/rootKeys.deleteKey')
      .reply(404, errorBody(404, 'unkey/data/route_not_found', 'Route not found.'));
    const error = await failure(testClient().deleteRootKey('key_123456789'));
    expect(error).toBeInstanceOf(RouteUnavailableError);
    expect(error).toMatchObject({
      name: 'RouteUnavailableError',
      code: 'route-unavailable',
      retryable: false,
      status: 404,
    });
  });

  it('a 404 without an envelope (a plain "404 page not found") is RouteUnavailableError', async () => {
    unkey().post('/v2/rootKeys.listKeys').reply(404, '404 page not found', { 'content-type': 'text/plain' });
    const error = await failure(testClient().listRootKeys());
    expect(error).toBeInstanceOf(RouteUnavailableError);
  });

  it('a 404 whose type is not a not-found of data is RouteUnavailableError', async () => {
    unkey().post('/v2/audit.getLogs').reply(404, errorBody(404, 'unkey/application/not_implemented'));
    const error = await failure(
      testClient().getAuditLogs({ actorId: 'key_123456789', start: new Date(0), end: new Date(1000) }),
    );
    expect(error).toBeInstanceOf(RouteUnavailableError);
  });
});

describe('upcoming routes: other errors', () => {
  it.each([
    [400, 'bad-request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
  ] as const)('%i is a final UnkeyRequestError', async (status, code) => {
    unkey().post('/v2/rootKeys.rerollKey').reply(status, errorBody(status, 'unkey/authorization/some_type'));
    const error = await failure(testClient().rerollRootKey('key_123456789'));
    expect(error).toBeInstanceOf(UnkeyRequestError);
    expect(error).toMatchObject({
      code,
      status,
      unkeyType: 'https://unkey.com/docs/errors/unkey/authorization/some_type',
    });
  });

  it('a 500 is retryable and sent once', async () => {
    unkey()
      .post('/v2/rootKeys.deleteKey')
      .once()
      .reply(500, errorBody(500, 'unkey/application/unexpected_error'));
    const error = await failure(testClient().deleteRootKey('key_123456789'));
    expect(error).toBeInstanceOf(UnkeyRetryableError);
    expect(error).toMatchObject({ code: 'server-error', status: 500 });
  });

  it('a 429 with Retry-After in seconds and as a date', async () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    unkey()
      .post('/v2/rootKeys.listKeys')
      .reply(429, errorBody(429, 'unkey/limits/rate_limited'), { 'Retry-After': '2' });
    unkey().post('/v2/rootKeys.listKeys').reply(429, errorBody(429, 'unkey/limits/rate_limited'), {
      'Retry-After': 'Sun, 01 Mar 2026 10:01:00 GMT',
    });
    const client = testClient({ now: () => now });
    expect(await failure(client.listRootKeys())).toMatchObject({ code: 'rate-limited', retryAfterMs: 2000 });
    expect(await failure(client.listRootKeys())).toMatchObject({
      code: 'rate-limited',
      retryAfterMs: 60_000,
    });
  });

  it('a network error is retryable', async () => {
    unkey()
      .post('/v2/rootKeys.listKeys')
      .replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    const error = await failure(testClient().listRootKeys());
    expect(error).toBeInstanceOf(UnkeyRetryableError);
    expect(error).toMatchObject({ code: 'network-error' });
  });

  it('a request that outlives timeoutMs is a retryable timeout', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const error = await failure(testClient({ fetch: hanging, timeoutMs: 20 }).deleteRootKey('key_123456789'));
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('an answer that is not JSON, or not the contract shape, is a final UnkeyResponseError', async () => {
    unkey().post('/v2/rootKeys.listKeys').reply(200, '<html>', { 'content-type': 'text/html' });
    unkey()
      .post('/v2/rootKeys.listKeys')
      .reply(200, ok([{ keyId: 'key_1' }], { hasMore: false }));
    const client = testClient();
    expect(await failure(client.listRootKeys())).toBeInstanceOf(UnkeyResponseError);
    const error = await failure(client.listRootKeys());
    expect(error).toMatchObject({ code: 'unreadable-response', retryable: false });
    expect(error.message).toContain('data.0.name');
  });

  it('extra fields in an answer pass', async () => {
    unkey()
      .post('/v2/rootKeys.deleteKey', { keyId: 'key_123456789' })
      .reply(200, { ...ok({}), later: true });
    await testClient().deleteRootKey('key_123456789');
  });
});
