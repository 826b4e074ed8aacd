import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detect/create-detector.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import type { GitHubClient } from '../../src/github/github-client.js';
import type { Occurrence } from '../../src/incidents/occurrence.js';
import type { OccurrenceLocation } from '../../src/sources/occurrences/occurrence-location.js';
import { SourceError } from '../../src/sources/errors.js';
import { readLeakedKey, type ReadLeakedKeyOptions } from '../../src/sources/read-leaked-key.js';
import { REPO, startFixture, type EmulatorFixture } from '../emulators/github/emulator-fixture.js';
import { KeyGenerator } from '../support/keygen.js';

const keys = new KeyGenerator(4105);
const detector = createDetector();
let fixture: EmulatorFixture;
let options: ReadLeakedKeyOptions;
const asked: string[] = [];

beforeAll(async () => {
  fixture = await startFixture();
  options = {
    detector,
    clientFor: async (repo) => {
      asked.push(repo);
      return fixture.octokit as unknown as GitHubClient;
    },
  };
});

afterAll(async () => {
  expect(fixture.emulator.violations).toEqual([]);
  await fixture.emulator.close();
});

let nextId = 0;
function occurrence(location: OccurrenceLocation, exposedAt: string): Occurrence {
  return {
    id: `occ-${++nextId}`,
    ruleId: 'unkey-root-key',
    location,
    exposedAt,
    recordedAt: exposedAt,
    foundBy: 'push',
    repoPublic: false,
  };
}

const commitAt = (commit: string, path: string, line = 1): OccurrenceLocation => ({
  kind: 'commit',
  repo: REPO,
  commit,
  path,
  line,
  column: 1,
});
const jobLogAt = (
  runId: number,
  jobId: number,
  extra: { archiveEntry?: string } = {},
): OccurrenceLocation => ({
  kind: 'job-log',
  repo: REPO,
  runId,
  jobId,
  jobName: 'build',
  line: 2,
  ...extra,
});
const alertAt = (alertNumber: number): OccurrenceLocation => ({
  kind: 'secret-scanning-alert',
  repo: REPO,
  alertNumber,
});

/** A job log as GitHub serves it: a timestamp on every line. */
const logOf = (...lines: string[]) =>
  lines.map((line, i) => `2026-11-27T10:00:0${i}.1000000Z ${line}\n`).join('');

async function commitFile(files: Record<string, string>): Promise<string> {
  return fixture.emulator.commit(REPO, 'main', files, { message: 'change' });
}

describe('readLeakedKey', () => {
  it('reads the key from the file at the commit, even after a later commit removed it', async () => {
    const key = keys.rootKey();
    const sha = await commitFile({ 'deploy/.env': `A=1\nUNKEY_ROOT_KEY=${key}\n` });
    await commitFile({ 'deploy/.env': 'A=1\n' });
    const leak = occurrence(commitAt(sha, 'deploy/.env', 2), '2026-11-27T10:00:00Z');
    const result = await readLeakedKey(options, [leak], fingerprintKey(key));
    expect(result.key?.reveal()).toBe(key);
    expect(result).toMatchObject({ from: leak.id });
    expect(JSON.stringify(result)).not.toContain(key);
    expect(asked).toContain(REPO);
  });

  it('reads the key from a UTF-16 file, and from deep inside a long one (looked for in slices)', async () => {
    const key = keys.rootKey();
    const deep = keys.rootKey();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`$k = "${key}"\r\n`, 'utf16le')]);
    const sha = await fixture.emulator.commit(
      REPO,
      'main',
      { 'win/keys.ps1': utf16, 'deep.txt': `${'filler line\n'.repeat(40_000)}K=${deep}\n` },
      { message: 'utf-16 and a long file' },
    );
    const fromUtf16 = await readLeakedKey(
      options,
      [occurrence(commitAt(sha, 'win/keys.ps1'), '2026-11-27T10:00:00Z')],
      fingerprintKey(key),
    );
    expect(fromUtf16.key?.reveal()).toBe(key);
    const fromDeep = await readLeakedKey(
      options,
      [occurrence(commitAt(sha, 'deep.txt', 40_001), '2026-11-27T10:00:00Z')],
      fingerprintKey(deep),
    );
    expect(fromDeep.key?.reveal()).toBe(deep);
  });

  it("reads the key from a job's log", async () => {
    const key = keys.rootKey();
    const sha = await commitFile({ 'ci.txt': 'x\n' });
    fixture.emulator.addWorkflowRun(REPO, {
      runId: 701,
      headSha: sha,
      jobs: [{ id: 801, name: 'build', log: logOf('##[group]Run deploy', `token: ${key}`, 'done') }],
    });
    const leak = occurrence(jobLogAt(701, 801), '2026-11-27T10:00:01Z');
    const result = await readLeakedKey(options, [leak], fingerprintKey(key));
    expect(result.key?.reveal()).toBe(key);
    expect(result).toMatchObject({ from: leak.id });
  });

  it("reads the key from a secret scanning alert's secret", async () => {
    const key = keys.rootKeyV1();
    fixture.emulator.addSecretScanningAlert(REPO, {
      number: 31,
      secretType: 'unkey_root_key',
      secret: key,
      locations: [],
    });
    const leak = occurrence(alertAt(31), '2026-11-27T10:00:00Z');
    const result = await readLeakedKey(options, [leak], fingerprintKey(key));
    expect(result.key?.reveal()).toBe(key);
    expect(result).toMatchObject({ from: leak.id });
  });

  it('tries the newest occurrence first and falls through a vanished commit to the next', async () => {
    const key = keys.rootKey();
    const sha = await commitFile({ 'src/config.ts': `export const key = '${key}';\n` });
    const older = occurrence(commitAt(sha, 'src/config.ts'), '2026-11-27T09:00:00Z');
    const oldest = occurrence(alertAt(999), '2026-11-27T08:00:00Z');
    // Force-pushed away and collected: GitHub no longer has the commit.
    const vanished = occurrence(commitAt('f'.repeat(40), 'src/config.ts'), '2026-11-27T11:00:00Z');
    // The file is gone from that path at the commit.
    const moved = occurrence(commitAt(sha, 'src/old-config.ts'), '2026-11-27T10:00:00Z');
    const result = await readLeakedKey(options, [oldest, older, moved, vanished], fingerprintKey(key));
    expect(result.key?.reveal()).toBe(key);
    expect(result).toMatchObject({ from: older.id });
  });

  it('lists every occurrence tried, newest first, with clean reasons, when none gives the key back', async () => {
    const [key, other] = [keys.rootKey(), keys.rootKey()];
    const sha = await commitFile({ [`notes-${key}.txt`]: `other=${other}\n` });
    fixture.emulator.addSecretScanningAlert(REPO, {
      number: 32,
      secretType: 'unkey_root_key',
      secret: other,
      locations: [],
    });
    const occurrences = [
      occurrence(commitAt('e'.repeat(40), `leak-${key}.txt`, 3), '2026-11-27T12:00:00Z'),
      occurrence(commitAt(sha, `notes-${key}.txt`), '2026-11-27T11:00:00Z'),
      occurrence(jobLogAt(702, 0, { archiveEntry: 'build/3_Deploy.txt' }), '2026-11-27T10:00:00Z'),
      occurrence(jobLogAt(703, 99_999), '2026-11-27T09:00:00Z'),
      occurrence(alertAt(32), '2026-11-27T08:00:00Z'),
    ];
    const result = await readLeakedKey(options, [...occurrences].reverse(), fingerprintKey(key));
    expect(result.key).toBeUndefined();
    expect(result).toEqual({
      key: undefined,
      tried: [
        {
          occurrence: occurrences[0]!.id,
          reason: `the file at line 3 of commit eeeeeeeeeeee in ${REPO} is no longer on GitHub (deleted, force-pushed away, or past retention)`,
        },
        {
          occurrence: occurrences[1]!.id,
          reason: `the file at line 1 of commit ${sha.slice(0, 12)} in ${REPO} was read but no longer holds the key`,
        },
        {
          occurrence: occurrences[2]!.id,
          reason: `the log of job 0 (run 702) in ${REPO} came from the run's log archive without a job id; the archive is not read again`,
        },
        {
          occurrence: occurrences[3]!.id,
          reason: `the log of job 99999 (run 703) in ${REPO} is no longer available on GitHub`,
        },
        {
          occurrence: occurrences[4]!.id,
          reason: `secret scanning alert 32 in ${REPO} was read but no longer holds the key`,
        },
      ],
    });
    const text = JSON.stringify(result);
    for (const k of [key, other]) expect(text).not.toContain(k.slice(6));
  });

  it('throws a retryable SourceError when nothing gives the key back and GitHub failed', async () => {
    const key = keys.rootKey();
    const sha = await commitFile({ 'retry.txt': `k=${key}\n` });
    fixture.emulator.faults.add({
      path: `/repos/${REPO}/contents/retry.txt`,
      kind: 'server-error',
      status: 502,
    });
    const leak = occurrence(commitAt(sha, 'retry.txt'), '2026-11-27T10:00:00Z');
    const error = await readLeakedKey(options, [leak], fingerprintKey(key)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code: 'leaked-key-unreadable' });
    expect((error as Error).message).toContain('GitHub answered 502');
    expect((error as Error).message).not.toContain(key.slice(6));
    // The fault was taken once: a retry reads the key.
    expect((await readLeakedKey(options, [leak], fingerprintKey(key))).key?.reveal()).toBe(key);
  });
});
