// The GitHub emulator with the `acme` organisation installation, three repositories, and a check
// (after the file's tests) that no generated key reached any request body and that GitHub's
// description accepted every request.
import { afterAll, beforeAll, expect } from 'vitest';
import { Secret } from '../../src/detect/secret.js';
import { KeyGenerator } from '../support/keygen.js';
import { findKeyMaterial } from '../support/secret-canary.js';
import { INSTALLATION_ID, startFixture, type EmulatorFixture } from '../emulators/github/emulator-fixture.js';
import type { GitHubClient } from '../../src/github/github-client.js';

export { INSTALLATION_ID };
/** Created by the emulator fixture. */
export const APP_REPO = 'acme/app';
export const API_REPO = 'acme/api';
export const WEB_REPO = 'acme/web';

export interface SinksFixture {
  readonly fx: EmulatorFixture;
  readonly client: GitHubClient;
  /** A fresh root key (as `Secret`) from the file's seeded generator; checked for leaks after the file. */
  newKey(): Secret;
}

/** Starts the emulator before the file's tests; after them, fails on a leaked key or a violation. */
export function useSinksFixture(seed: number): SinksFixture {
  const gen = new KeyGenerator(seed);
  const keys: string[] = [];
  let fx: EmulatorFixture | undefined;
  beforeAll(async () => {
    fx = await startFixture();
    for (const repo of [API_REPO, WEB_REPO])
      await fx.emulator.createRepository(repo, { installationId: INSTALLATION_ID });
  });
  afterAll(async () => {
    if (fx === undefined) return;
    const bodies = fx.emulator.requestBodies.map((b, i): [string, string] => [`request body ${i}`, b]);
    expect(findKeyMaterial(bodies, keys)).toEqual([]);
    expect(fx.emulator.violations).toEqual([]);
    await fx.emulator.close();
  });
  const live = (): EmulatorFixture => {
    if (fx === undefined) throw new Error('the fixture starts in beforeAll: use it inside a test');
    return fx;
  };
  return {
    get fx() {
      return live();
    },
    get client() {
      return live().octokit;
    },
    newKey() {
      const key = gen.rootKey();
      keys.push(key);
      return new Secret(key);
    },
  };
}
