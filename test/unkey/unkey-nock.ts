// Helpers for the Unkey adapter's tests: a nock'd Unkey server, run-time keys, Unkey's envelopes.
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';
import { forgetCapabilities } from '../../src/unkey/capabilities.js';
import {
  createUnkeyClient,
  type UnkeyClient,
  type UnkeyClientOptions,
} from '../../src/unkey/unkey-client.js';
import { KeyGenerator } from '../support/keygen.js';

export const BASE = 'https://unkey.test';
export const ERRORS = 'https://unkey.com/docs/errors';

/** Keys made at run time; the responder key is rootguard's own. */
export const keys = new KeyGenerator(4);
export const responderKey = keys.rootKey();

/** A client of the nock'd server with the responder key. */
export function testClient(overrides: Partial<UnkeyClientOptions> = {}): UnkeyClient {
  return createUnkeyClient({ baseUrl: BASE, rootKey: { reveal: () => responderKey }, ...overrides });
}

/** The nock'd server, expecting the responder key as bearer. */
export function unkey(): nock.Scope {
  return nock(BASE).matchHeader('authorization', `Bearer ${responderKey}`);
}

/** Unkey's error envelope. */
export function errorBody(
  status: number,
  type: string,
  detail = 'Something is wrong.',
  requestId = 'req_test1',
) {
  return { meta: { requestId }, error: { title: 'Error', detail, status, type: `${ERRORS}/${type}` } };
}

export function ok<T>(data: T, pagination?: { cursor?: string; hasMore: boolean }) {
  return { meta: { requestId: 'req_ok' }, data, ...(pagination && { pagination }) };
}

/** Blocks real network, checks every nock'd request was made, and forgets cached capabilities. */
export function useNock(): void {
  beforeEach(() => {
    nock.disableNetConnect();
    forgetCapabilities();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    if (pending.length > 0) throw new Error(`requests not made: ${pending.join(', ')}`);
  });
}

/** Runs a promise that must reject, and returns its error. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected a rejection');
}
