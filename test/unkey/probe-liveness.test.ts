import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { UnkeyRetryableError } from '../../src/unkey/errors.js';
import { BASE, errorBody, failure, keys, ok, testClient, useNock } from './unkey-nock.js';

useNock();

const leaked = keys.rootKey();
const leakedKey = { reveal: () => leaked };

/** The probe's one request: the leaked key as bearer, a made-up API id as the whole body. */
function probe() {
  return nock(BASE)
    .matchHeader('authorization', `Bearer ${leaked}`)
    .post('/v2/apis.getApi', (body: unknown) => {
      const keys = Object.keys(body as object);
      const apiId = (body as { apiId?: unknown }).apiId;
      return keys.length === 1 && typeof apiId === 'string' && /^api_[1-9A-HJ-NP-Za-km-z]{24}$/.test(apiId);
    });
}

describe('probeLiveness', () => {
  it('401: dead', async () => {
    probe().reply(401, errorBody(401, 'unkey/authentication/key_not_found', 'The key was not found.'));
    expect(await testClient().probeLiveness(leakedKey)).toBe('dead');
  });

  it('403 key_disabled: disabled', async () => {
    probe().reply(403, errorBody(403, 'unkey/authorization/key_disabled', 'The key is not enabled.'));
    expect(await testClient().probeLiveness(leakedKey)).toBe('disabled');
  });

  it('403 whose detail says disabled: disabled', async () => {
    probe().reply(403, errorBody(403, 'unkey/authorization/forbidden', 'This key is Disabled.'));
    expect(await testClient().probeLiveness(leakedKey)).toBe('disabled');
  });

  it('403 for missing permissions: live', async () => {
    probe().reply(
      403,
      errorBody(403, 'unkey/authorization/insufficient_permissions', 'Missing api.*.read_api.'),
    );
    expect(await testClient().probeLiveness(leakedKey)).toBe('live');
  });

  it('404 (the made-up API): live', async () => {
    probe().reply(404, errorBody(404, 'unkey/data/api_not_found', 'The API does not exist.'));
    expect(await testClient().probeLiveness(leakedKey)).toBe('live');
  });

  it('200: live', async () => {
    probe().reply(200, ok({ id: 'api_x', name: 'x' }));
    expect(await testClient().probeLiveness(leakedKey)).toBe('live');
  });

  it.each([500, 503, 429])('%i: retryable', async (status) => {
    probe().reply(status, errorBody(status, 'unkey/application/unexpected_error'), { 'Retry-After': '1' });
    const error = await failure(testClient().probeLiveness(leakedKey));
    expect(error).toBeInstanceOf(UnkeyRetryableError);
    expect(error.message).not.toContain(leaked);
  });

  it('a network error: retryable', async () => {
    probe().replyWithError({ code: 'ECONNREFUSED', message: 'refused' });
    expect(await failure(testClient().probeLiveness(leakedKey))).toMatchObject({ code: 'network-error' });
  });

  it('sends a fresh API id each time', async () => {
    const ids: string[] = [];
    nock(BASE)
      .post('/v2/apis.getApi', (body: { apiId: string }) => ids.push(body.apiId) > 0)
      .twice()
      .reply(404, errorBody(404, 'unkey/data/api_not_found'));
    await testClient().probeLiveness(leakedKey);
    await testClient().probeLiveness(leakedKey);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
