import { inspect } from 'node:util';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../src/detect/secret.js';
import { UnkeyError } from '../../src/unkey/errors.js';
import { findKeyMaterial } from '../support/secret-canary.js';
import {
  BASE,
  errorBody,
  failure,
  keys,
  ok,
  responderKey,
  testClient,
  unkey,
  useNock,
} from './unkey-nock.js';

useNock();

/** Every way an error could be shown: message, JSON, inspect, stack. */
function shown(error: Error): [string, string][] {
  return [
    ['message', error.message],
    ['json', JSON.stringify(error)],
    ['inspect', inspect(error, { depth: 5 })],
    ['stack', error.stack ?? ''],
  ];
}

describe('key material', () => {
  it('rerollRootKey returns the new key in a Secret that shows only its mask', async () => {
    const newKey = keys.rootKey();
    unkey()
      .post('/v2/rootKeys.rerollKey', { keyId: 'key_old12345', expiration: 0 })
      .reply(200, ok({ keyId: 'key_new12345', key: newKey }));
    const result = await testClient().rerollRootKey('key_old12345');
    expect(result.keyId).toBe('key_new12345');
    expect(result.key).toBeInstanceOf(Secret);
    expect(result.key.reveal()).toBe(newKey);
    expect(
      findKeyMaterial(
        [
          ['string', String(result.key)],
          ['template', `${result.key}`],
          ['json', JSON.stringify(result)],
          ['inspect', inspect(result)],
        ],
        [newKey],
      ),
    ).toEqual([]);
  });

  it('rerollApiKey returns only the new key id', async () => {
    const newKey = keys.apiKey('acme');
    unkey()
      .post('/v2/keys.rerollKey', { keyId: 'key_old12345', expiration: 60_000 })
      .reply(200, ok({ keyId: 'key_new12345', key: newKey }));
    const result = await testClient().rerollApiKey('key_old12345', 60_000);
    expect(result).toEqual({ keyId: 'key_new12345' });
    expect(inspect(result)).not.toContain(newKey);
  });

  it('an unreadable reroll answer does not quote the new key (upcoming and SDK)', async () => {
    const rootKey = keys.rootKey();
    const apiKey = keys.apiKey('acme');
    unkey()
      .post('/v2/rootKeys.rerollKey')
      .reply(200, ok({ keyId: 7, key: rootKey }));
    unkey()
      .post('/v2/keys.rerollKey')
      .reply(200, ok({ keyId: 7, key: apiKey }));
    const errors = [
      await failure(testClient().rerollRootKey('key_old12345')),
      await failure(testClient().rerollApiKey('key_old12345', 0)),
    ];
    for (const error of errors) {
      expect(error).toMatchObject({ code: 'unreadable-response' });
      expect(findKeyMaterial(shown(error), [rootKey, apiKey, responderKey])).toEqual([]);
    }
  });

  it('Unkey detail that quotes a key is masked; the bearer and request body never appear', async () => {
    const echoed = keys.rootKey();
    const meta = { note: keys.rootKey() };
    const detail = `The key ${echoed} is not valid for ${responderKey}.`;
    unkey()
      .post('/v2/keys.updateKey')
      .reply(400, errorBody(400, 'unkey/application/invalid_input', detail));
    unkey()
      .post('/v2/rootKeys.deleteKey')
      .reply(403, errorBody(403, 'unkey/authorization/forbidden', detail));
    unkey()
      .post('/v2/keys.getKey')
      .replyWithError({ code: 'ECONNRESET', message: `reset ${responderKey}` });
    nock(BASE)
      .post('/v2/apis.getApi')
      .reply(500, errorBody(500, 'unkey/application/unexpected_error', detail));
    const leaked = keys.rootKey();
    const errors = [
      await failure(testClient().updateApiKeyMeta('key_12345678', meta)),
      await failure(testClient().deleteRootKey('key_12345678')),
      await failure(testClient().getApiKey('key_12345678')),
      await failure(testClient().probeLiveness({ reveal: () => leaked })),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(UnkeyError);
      expect(findKeyMaterial(shown(error), [echoed, meta.note, responderKey, leaked])).toEqual([]);
    }
    expect(errors[0]?.message).toContain('is not valid for');
  });
});
