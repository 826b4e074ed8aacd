import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { occurrenceIdFor } from '../../../src/incidents/occurrence-id.js';
import { jobLogLineSource, type JobLogLocation } from '../../../src/sources/occurrences/job-log-line.js';
import { REPO } from '../../emulators/github/emulator-fixture.js';
import { KeyGenerator } from '../../support/keygen.js';
import { githubEmulator, markMask, readAgainContext, revealedKey } from './occurrence-fixtures.js';

const line: JobLogLocation = {
  kind: 'job-log',
  repo: 'acme/api',
  runId: 5,
  jobId: 6,
  jobName: 'test',
  line: 7,
};
const inJobName: JobLogLocation = { ...line, line: 1, keyIn: 'jobName' };
const inStep: JobLogLocation = { ...line, step: 'Print', line: 1, keyIn: 'step' };
const archived: JobLogLocation = { ...line, jobId: 0, line: 9, archiveEntry: '0_test.txt' };
const keys = new KeyGenerator(4312);

describe('jobLogLineSource', () => {
  it('keeps the ids stored before the kinds had modules', () => {
    expect(occurrenceIdFor(line)).toBe('occ_vwSvb2yA4Stg0Ix7f4ULsM');
    // The step describes a log line; it does not change it.
    expect(occurrenceIdFor({ ...line, step: 'Deploy' })).toBe('occ_vwSvb2yA4Stg0Ix7f4ULsM');
    expect(occurrenceIdFor(inJobName)).toBe('occ_BotKeafP_LHNxLr5YqbCpp');
    expect(occurrenceIdFor(inStep)).toBe('occ_It026JDzZ1NGa5hL1p-lFk');
    expect(occurrenceIdFor({ ...inStep, step: undefined })).toBe('occ_i8dW2UpBemUhxkuQBlGEIt');
    expect(occurrenceIdFor(archived)).toBe('occ_F8-r4sWFTHkyzi0h8e6jTl');
  });

  it('describes the run, the job, the step, where in the job, and the archive entry', () => {
    expect(jobLogLineSource.describe({ ...line, step: 'Deploy' })).toEqual([
      'run 5, job ',
      { code: 'test' },
      ' (6)',
      ', step ',
      { code: 'Deploy' },
      ', log line 7',
    ]);
    expect(jobLogLineSource.describe(inJobName).at(-1)).toBe(", the key is in the job's name");
    expect(jobLogLineSource.describe(inStep).at(-1)).toBe(", the key is in the step's name");
    expect(jobLogLineSource.describe(archived).slice(-2)).toEqual([', in ', { code: '0_test.txt' }]);
    expect(jobLogLineSource.summary({ ...line, step: 'Deploy' })).toBe(
      'log of job "test" (run 5, step "Deploy") line 7',
    );
    expect(jobLogLineSource.describeByIds(line)).toBe('the log of job 6 (run 5) in acme/api');
  });

  it("links the job's log", () => {
    const options = { githubUrl: 'https://github.com', mask: markMask };
    expect(jobLogLineSource.link({ ...line, step: 'Deploy' }, options)).toEqual({
      text: '<acme/api job "test", step "Deploy", log line 7 (run 5)>',
      url: 'https://github.com/acme/api/actions/runs/5/job/6',
    });
    expect(jobLogLineSource.link(inJobName, options).text).toBe(
      `<acme/api job "test", the key is in the job's name (run 5)>`,
    );
  });

  it("advises deleting the run's logs, and names the run to purge", () => {
    expect(jobLogLineSource.cleanUpAdvice).toBe('job-log');
    expect(jobLogLineSource.runLogs(archived)).toEqual({ repo: 'acme/api', runId: 5 });
  });

  describe('readAgain', () => {
    const emulator = githubEmulator();

    it("finds the key in the job's log; a gone log and an archive entry without a job are reasons", async () => {
      const fixture = emulator();
      const key = keys.rootKey();
      const sha = await fixture.emulator.commit(REPO, 'main', { 'ci.txt': 'x\n' }, { message: 'm' });
      fixture.emulator.addWorkflowRun(REPO, {
        runId: 711,
        headSha: sha,
        jobs: [{ id: 811, name: 'build', log: `2026-11-27T10:00:00.1000000Z token: ${key}\n` }],
      });
      const context = readAgainContext(fixture, fingerprintKey(key));
      const at: JobLogLocation = {
        kind: 'job-log',
        repo: REPO,
        runId: 711,
        jobId: 811,
        jobName: 'build',
        line: 1,
      };
      const found = await jobLogLineSource.readAgain(at, context);
      expect(revealedKey(found)).toBe(key);
      expect(await jobLogLineSource.readAgain({ ...at, jobId: 99_999 }, context)).toEqual({
        reason: `the log of job 99999 (run 711) in ${REPO} is no longer available on GitHub`,
      });
      expect(
        await jobLogLineSource.readAgain({ ...at, jobId: 0, archiveEntry: 'build/1.txt' }, context),
      ).toEqual({
        reason: `the log of job 0 (run 711) in ${REPO} came from the run's log archive without a job id; the archive is not read again`,
      });
    });
  });
});
