import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { occurrenceIdFor } from '../../../src/incidents/occurrence-id.js';
import { commitLineSource, type CommitLocation } from '../../../src/sources/occurrences/commit-line.js';
import { REPO } from '../../emulators/github/emulator-fixture.js';
import { KeyGenerator } from '../../support/keygen.js';
import { githubEmulator, markMask, readAgainContext, revealedKey } from './occurrence-fixtures.js';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const line: CommitLocation = {
  kind: 'commit',
  repo: 'acme/api',
  commit: SHA,
  path: 'src/a.ts',
  line: 12,
  column: 3,
};
const inPath: CommitLocation = { ...line, path: 'keys/x', line: 1, column: 1, keyIn: 'path' };
const keys = new KeyGenerator(4311);

describe('commitLineSource', () => {
  it('keeps the ids stored before the kinds had modules', () => {
    expect(occurrenceIdFor(line)).toBe('occ_8JGR9Zqe0JIKGIn1AoVamb');
    expect(occurrenceIdFor({ ...line, path: 'docs/a b#(1).md', line: 4, column: 1 })).toBe(
      'occ_NgjmzxSp5wIAunHFqY6fLn',
    );
    expect(occurrenceIdFor(inPath)).toBe('occ_j136EMCeyZlrmhdjYMcsSY');
    // Describing fields (author, pull request, masked names) leave the place, and its id, alone.
    expect(occurrenceIdFor({ ...line, author: 'A <a@x>', pullRequest: 9, maskedNames: ['author'] })).toBe(
      occurrenceIdFor(line),
    );
    expect(occurrenceIdFor({ ...inPath, line: 7 })).toBe(occurrenceIdFor(inPath));
  });

  it('describes the line, or the path holding the key, with the short commit', () => {
    expect(commitLineSource.describe(line)).toEqual([{ code: 'a1b2c3d' }, ' ', { code: 'src/a.ts:12' }]);
    expect(commitLineSource.describe(inPath)).toEqual([
      { code: 'a1b2c3d' },
      ' ',
      { code: 'keys/x' },
      ' (the key is in the path)',
    ]);
    expect(commitLineSource.summary({ ...line, pullRequest: 9 })).toBe(
      'src/a.ts:12 in commit a1b2c3d (pull request #9)',
    );
    expect(commitLineSource.describeByIds(line)).toBe(
      'the file at line 12 of commit a1b2c3d4e5f6 in acme/api',
    );
    expect(commitLineSource.describeByIds({ ...line, repo: 'odd repo', commit: 'not-a-sha' })).toBe(
      'the file at line 12 of commit the commit in the repository',
    );
  });

  it('links the line (the commit when the path is stored masked), masking the path before encoding it', () => {
    const options = { githubUrl: 'https://github.example.com/', mask: markMask };
    expect(commitLineSource.link({ ...line, path: 'docs/a b.md', pullRequest: 9 }, options)).toEqual({
      text: '<acme/api docs/a b.md:12 in commit a1b2c3d (pull request #9)>',
      url: `https://github.example.com/acme/api/blob/${SHA}/%3Cdocs/a%20b.md%3E#L12`,
      pullRequestUrl: 'https://github.example.com/acme/api/pull/9',
    });
    expect(commitLineSource.link({ ...inPath, maskedNames: ['path'] }, options)).toEqual({
      text: "<acme/api keys/x (the key is in the file's path) in commit a1b2c3d; the path is shown masked, so the link opens the commit>",
      url: `https://github.example.com/acme/api/commit/${SHA}`,
    });
  });

  it('advises rewriting history and has no run logs to purge', () => {
    expect(commitLineSource.cleanUpAdvice).toBe('commit');
    expect('runLogs' in commitLineSource).toBe(false);
  });

  describe('readAgain', () => {
    const emulator = githubEmulator();

    it('finds the key in the file at the commit, and says nothing when the file no longer holds it', async () => {
      const fixture = emulator();
      const key = keys.rootKey();
      const sha = await fixture.emulator.commit(
        REPO,
        'main',
        { 'deploy/.env': `K=${key}\n` },
        { message: 'm' },
      );
      const at: CommitLocation = {
        kind: 'commit',
        repo: REPO,
        commit: sha,
        path: 'deploy/.env',
        line: 1,
        column: 3,
      };
      const found = await commitLineSource.readAgain(at, readAgainContext(fixture, fingerprintKey(key)));
      expect(revealedKey(found)).toBe(key);
      const other = keys.rootKey();
      expect(
        await commitLineSource.readAgain(at, readAgainContext(fixture, fingerprintKey(other))),
      ).toBeUndefined();
    });
  });
});
