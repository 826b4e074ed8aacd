// The Unkey emulator for the step tests that drive the real Unkey client: started once per file,
// a responder root key with the permissions the test names, and after the file a check that the
// emulator's description accepted every request. Keys the emulator makes are watched by the
// suite canary (test/support/suite-canary.ts).
import { afterAll, beforeAll, expect } from 'vitest';
import { startUnkeyEmulator, type UnkeyEmulator } from '../../../emulators/unkey/unkey-emulator.js';
import { createUnkeyClient, type UnkeyClient } from '../../../src/unkey/unkey-client.js';
import { watchKeys } from '../../support/suite-canary.js';
import { NOW, secret } from './step-context-fixture.js';

/** What a test file reaches the emulator through. */
export interface UnkeyEmulatorFixture {
  readonly emulator: UnkeyEmulator;
  /** A real client of the emulator, as rootguard's responder key with `permissions`. */
  client(permissions: string[]): UnkeyClient;
  /** Seeds a root key and returns its id and plaintext (watched by the canary). */
  rootKey(input: { name?: string; permissions?: string[]; createdAt?: number }): {
    keyId: string;
    key: string;
  };
}

/** Starts the emulator before the file's tests (its clock: the fixture's `NOW`). */
export function useUnkeyEmulator(): UnkeyEmulatorFixture {
  let emulator: UnkeyEmulator | undefined;
  beforeAll(async () => {
    emulator = await startUnkeyEmulator({ now: () => NOW });
  });
  afterAll(async () => {
    if (!emulator) return;
    expect(emulator.violations).toEqual([]);
    await emulator.close();
  });
  const live = (): UnkeyEmulator => {
    if (!emulator) throw new Error('the emulator starts in beforeAll: use it inside a test');
    return emulator;
  };
  const rootKey: UnkeyEmulatorFixture['rootKey'] = (input) => {
    const made = live().addRootKey({ permissions: [], ...input });
    watchKeys(made.key);
    return made;
  };
  return {
    get emulator() {
      return live();
    },
    client(permissions) {
      const responder = rootKey({ name: 'rootguard responder', permissions });
      return createUnkeyClient({ baseUrl: live().url, rootKey: secret(responder.key), now: () => NOW });
    },
    rootKey,
  };
}
