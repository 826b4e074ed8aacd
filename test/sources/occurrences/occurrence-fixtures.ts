import { createDetector } from '../../../src/detect/create-detector.js';
import { recoverKey } from '../../../src/detect/recover-key.js';
import { openLogDownload } from '../../../src/github/download-log.js';
import type { GitHubClient } from '../../../src/github/github-client.js';
import type {
  ReadAgainAttempt,
  ReadAgainContext,
} from '../../../src/sources/occurrences/occurrence-source.js';
import { afterAll, beforeAll, expect } from 'vitest';
import { startFixture, type EmulatorFixture } from '../../emulators/github/emulator-fixture.js';

const detector = createDetector();

/** A `readAgain` context on the GitHub emulator, looking for the key with `fingerprint`. */
export function readAgainContext(fixture: EmulatorFixture, fingerprint: string): ReadAgainContext {
  const client = fixture.octokit as unknown as GitHubClient;
  return {
    client,
    findKey: async (bytes) => recoverKey(detector, bytes, fingerprint),
    openLog: (route) => openLogDownload({ client, route, attempts: 2 }),
  };
}

/** `maskReportText` stand-in that shows where each kind applies the mask. */
export const markMask = (text: string) => `<${text}>`;

/** The key a `readAgain` found, revealed for the assertion; undefined when it found none. */
export function revealedKey(found: ReadAgainAttempt | undefined): string | undefined {
  return found !== undefined && 'key' in found ? found.key.reveal() : undefined;
}

/**
 * Starts the GitHub emulator before the calling file's tests and, after them, checks it saw no
 * request its API description rejects and closes it. Gives the running fixture.
 */
export function githubEmulator(): () => EmulatorFixture {
  let fixture: EmulatorFixture | undefined;
  beforeAll(async () => {
    fixture = await startFixture();
  });
  afterAll(async () => {
    expect(fixture?.emulator.violations).toEqual([]);
    await fixture?.emulator.close();
  });
  return () => {
    if (fixture === undefined) throw new Error('the GitHub emulator has not started');
    return fixture;
  };
}
