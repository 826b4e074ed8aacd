import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { UnkeyRetryableError } from '../../src/unkey/errors.js';
import { BASE, ERRORS, errorBody, failure, keys, ok, testClient, useNock } from './unkey-nock.js';

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
  const read = () => testClient().probeLiveness(leakedKey);

  it('401 key_not_found: dead', async () => {
    probe().reply(
      401,
      errorBody(401, 'unkey/authentication/key_not_found', 'We could not find the requested key.'),
    );
    expect(await read()).toMatchObject({ state: 'dead', status: 401 });
  });

  it('403 key_disabled: disabled', async () => {
    probe().reply(403, errorBody(403, 'unkey/authorization/key_disabled', 'The key is disabled.'));
    expect(await read()).toMatchObject({ state: 'disabled', status: 403 });
  });

  it('403 forbidden "the key has expired on <RFC 3339>": dead since that time', async () => {
    probe().reply(
      403,
      errorBody(
        403,
        'unkey/authorization/forbidden',
        'the key has expired on 2026-12-07T19:58:03Z',
        'req_exp1',
      ),
    );
    expect(await read()).toEqual({
      state: 'dead',
      status: 403,
      expiredAt: '2026-12-07T19:58:03.000Z',
      type: `${ERRORS}/unkey/authorization/forbidden`,
      detail: 'the key has expired on 2026-12-07T19:58:03Z',
      requestId: 'req_exp1',
    });
  });

  it('403 forbidden "the key has expired" (status.go\'s default): dead, no time', async () => {
    probe().reply(403, errorBody(403, 'unkey/authorization/forbidden', 'the key has expired'));
    const liveness = await read();
    expect(liveness.state).toBe('dead');
    expect(liveness.expiredAt).toBeUndefined();
  });

  it.each([
    'Rate limit exceeded',
    'Key usage limit exceeded.',
    'Forbidden',
    'client IP 10.0.0.1 is not in the whitelist',
    'This key is Disabled.', // a detail never decides disabled: only the type does
  ])('403 forbidden "%s": unknown, neither live nor dead', async (detail) => {
    probe().reply(403, errorBody(403, 'unkey/authorization/forbidden', detail, 'req_f1'));
    expect(await read()).toMatchObject({ state: 'unknown', status: 403, detail, requestId: 'req_f1' });
  });

  it('403 workspace_disabled: workspace-disabled, not dead', async () => {
    probe().reply(
      403,
      errorBody(403, 'unkey/authorization/workspace_disabled', 'The workspace is disabled.'),
    );
    expect(await read()).toMatchObject({ state: 'workspace-disabled', status: 403 });
  });

  it('403 insufficient_permissions: live', async () => {
    probe().reply(
      403,
      errorBody(403, 'unkey/authorization/insufficient_permissions', 'Missing api.*.read_api.'),
    );
    expect((await read()).state).toBe('live');
  });

  it('404 api_not_found (the made-up API): live', async () => {
    probe().reply(404, errorBody(404, 'unkey/data/api_not_found', 'The API does not exist.'));
    expect((await read()).state).toBe('live');
  });

  it('200: live', async () => {
    probe().reply(200, ok({ id: 'api_x', name: 'x' }));
    expect(await read()).toEqual({ state: 'live', status: 200 });
  });

  it.each([
    [403, 'unkey/authorization/something_new', 'A new reason.'],
    [401, 'unkey/authentication/malformed', 'Bearer required.'],
    [404, 'unkey/application/route_not_found', 'No such route.'],
    [404, 'unkey/data/workspace_not_found', 'The requested workspace does not exist.'],
    [400, 'unkey/application/invalid_input', 'Bad body.'],
    [410, 'unkey/application/gone', 'Gone.'],
  ])('%i %s: unknown, recorded with type, detail and request id', async (status, type, detail) => {
    probe().reply(status, errorBody(status, type, detail, 'req_u1'));
    expect(await read()).toEqual({
      state: 'unknown',
      status,
      type: `${ERRORS}/${type}`,
      detail,
      requestId: 'req_u1',
    });
  });

  it("a 401 or 403 without Unkey's envelope (a proxy page): unknown", async () => {
    probe().reply(401, '<html>denied</html>');
    expect(await read()).toEqual({ state: 'unknown', status: 401 });
    probe().reply(403, '<html>denied</html>');
    expect(await read()).toEqual({ state: 'unknown', status: 403 });
  });

  it('a detail holding a key is masked', async () => {
    probe().reply(403, errorBody(403, 'unkey/authorization/forbidden', `not ${leaked}`));
    expect(JSON.stringify(await read())).not.toContain(leaked);
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
