import { describe, expect, it } from 'vitest';
import { decryptCovers, decryptScope } from '../../src/playbook/decrypt-scope.js';

describe('decryptScope', () => {
  it('reads legacy tuples for one API or all', () => {
    const one = decryptScope(['api.api_1.decrypt_key', 'api.*.read_key']);
    expect(decryptCovers(one, 'api_1')).toBe(true);
    expect(decryptCovers(one, 'api_2')).toBe(false);
    expect(decryptScope(['api.*.decrypt_key']).all).toBe(true);
    expect(decryptScope(['api.api_9.*'])).toEqual({ all: false, apiIds: new Set(['api_9']) });
  });

  it('treats the bare wildcard and keyspace resource names as every API', () => {
    expect(decryptScope(['*']).all).toBe(true);
    expect(decryptScope(['unkey:v1:ws_1:keyspaces/*/keys/*#decrypt_key']).all).toBe(true);
    expect(decryptScope(['unkey:v1:ws_1:keyspaces/ks_1#*']).all).toBe(true);
  });

  it('grants nothing for permissions without decrypt', () => {
    const none = decryptScope(['api.*.read_key', 'api.*.create_key', 'unkey:v1:ws_1:keyspaces/*#create_key']);
    expect(none).toEqual({ all: false, apiIds: new Set() });
  });
});
