import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { UnkeyResponseError } from '../../src/unkey/errors.js';
import { failure, keys, testClient, unkey, useNock } from './unkey-nock.js';

// No interceptor answers for ELSEWHERE and the network is off: a followed redirect would end as a
// network error, not as the 3xx asserted below.
useNock();

const ELSEWHERE = 'https://elsewhere.test';

describe('Unkey calls follow no redirect', () => {
  it('an upcoming route answered 307 to another host fails without re-sending the body there', async () => {
    unkey()
      .post('/v2/rootKeys.rerollKey')
      .reply(307, '', { location: `${ELSEWHERE}/v2/rootKeys.rerollKey` });
    const error = await failure(testClient().rerollRootKey('key_123456789'));
    expect(error).toBeInstanceOf(UnkeyResponseError);
    expect(error).toMatchObject({ status: 307, retryable: false, operation: 'rootKeys.rerollKey' });
    expect(error.message).toContain('a redirect: rootguard follows none');
  });

  it('a published route (through @unkey/api) answered 308 fails the same way', async () => {
    unkey()
      .post('/v2/apis.listKeys')
      .reply(308, '', { location: `${ELSEWHERE}/v2/apis.listKeys` });
    const error = await failure(testClient().listApiKeys('api_123456789'));
    expect(error).toMatchObject({ status: 308, retryable: false });
  });

  it('the liveness probe does not take a leaked key to another host', async () => {
    const leaked = keys.rootKey();
    nock('https://unkey.test')
      .post('/v2/apis.getApi')
      .reply(302, '', { location: `${ELSEWHERE}/v2/apis.getApi` });
    await expect(testClient().probeLiveness({ reveal: () => leaked })).rejects.toMatchObject({
      status: 302,
      retryable: false,
    });
  });
});
