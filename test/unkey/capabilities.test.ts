import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES_TTL_MS } from '../../src/unkey/capabilities.js';
import { UnkeyRetryableError } from '../../src/unkey/errors.js';
import { errorBody, failure, ok, testClient, unkey, useNock } from './unkey-nock.js';

useNock();

function answer(route: 'rootKeys.listKeys' | 'audit.getLogs', status: number) {
  const body = status === 200 ? ok([], { hasMore: false }) : errorBody(status, 'unkey/some/type');
  return unkey().post(`/v2/${route}`, { limit: 1 }).reply(status, body);
}

describe('capabilities', () => {
  it('200 on both routes: both available', async () => {
    answer('rootKeys.listKeys', 200);
    answer('audit.getLogs', 200);
    expect(await testClient().capabilities()).toEqual({ rootKeys: true, auditLogs: true });
  });

  it("404 on both: neither (today's published Unkey)", async () => {
    answer('rootKeys.listKeys', 404);
    unkey().post('/v2/audit.getLogs').reply(404, '404 page not found');
    expect(await testClient().capabilities()).toEqual({ rootKeys: false, auditLogs: false });
  });

  it('401 and 403 mean the route exists', async () => {
    answer('rootKeys.listKeys', 403);
    answer('audit.getLogs', 401);
    expect(await testClient().capabilities()).toEqual({ rootKeys: true, auditLogs: true });
  });

  it('is cached per server for 10 minutes, then asked again', async () => {
    let now = 1_000_000;
    const client = testClient({ now: () => now });
    answer('rootKeys.listKeys', 200);
    answer('audit.getLogs', 404);
    expect(await client.capabilities()).toEqual({ rootKeys: true, auditLogs: false });
    // No interceptor left: a second request would fail the test.
    now += CAPABILITIES_TTL_MS - 1;
    expect(await testClient({ now: () => now }).capabilities()).toEqual({ rootKeys: true, auditLogs: false });
    now += 1;
    answer('rootKeys.listKeys', 200);
    answer('audit.getLogs', 200);
    expect(await client.capabilities()).toEqual({ rootKeys: true, auditLogs: true });
  });

  it('another server is detected on its own', async () => {
    answer('rootKeys.listKeys', 200);
    answer('audit.getLogs', 200);
    await testClient().capabilities();
    const other = 'https://other-unkey.test';
    nock(other).post('/v2/rootKeys.listKeys').reply(404, '');
    nock(other).post('/v2/audit.getLogs').reply(404, '');
    expect(await testClient({ baseUrl: other }).capabilities()).toEqual({
      rootKeys: false,
      auditLogs: false,
    });
  });

  it('a 5xx throws retryable and is not cached', async () => {
    answer('rootKeys.listKeys', 500);
    answer('audit.getLogs', 200);
    expect(await failure(testClient().capabilities())).toBeInstanceOf(UnkeyRetryableError);
    answer('rootKeys.listKeys', 200);
    answer('audit.getLogs', 200);
    expect(await testClient().capabilities()).toEqual({ rootKeys: true, auditLogs: true });
  });

  it('a network error throws retryable', async () => {
    unkey().post('/v2/rootKeys.listKeys').replyWithError({ code: 'ECONNRESET', message: 'reset' });
    answer('audit.getLogs', 200);
    expect(await failure(testClient().capabilities())).toMatchObject({
      code: 'network-error',
      retryable: true,
    });
  });
});
