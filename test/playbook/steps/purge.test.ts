import { describe, expect, it } from 'vitest';
import { purgeStep } from '../../../src/playbook/steps/purge.js';
import { SinkError } from '../../../src/sinks/errors.js';
import { KeyGenerator } from '../../support/keygen.js';
import { createFakeGitHub } from './fake-github.js';
import { occurrence, REPO, stepContext, stored, type StepContextOptions } from './step-context-fixture.js';

const gen = new KeyGenerator(1311);
const WEB = 'acme/web';
/** A commit, two lines of run 7 (one run), and run 9 in another repository. */
const OCCURRENCES = [
  occurrence(),
  occurrence({ runId: 7 }),
  { ...occurrence({ runId: 7 }), id: 'occ_second_line' },
  occurrence({ repo: WEB, runId: 9 }),
];
const RUN_7 = `${REPO}#7`;
const RUN_9 = `${WEB}#9`;

function purging(options: Omit<StepContextOptions, 'key'>) {
  return stepContext({
    key: gen.rootKey(),
    occurrences: OCCURRENCES,
    policy: { purgeLogs: true },
    ...options,
  });
}

describe('purge', () => {
  it('deletes the logs of each run that held the key, once per run, checkpointing each', async () => {
    const github = await createFakeGitHub();
    const ctx = purging({ github });
    const result = stored(await purgeStep.run(ctx));
    expect(result).toEqual({
      outcome: 'done',
      summary: 'Deleted the logs of 2 run(s) that held the key.',
      detail: { deleted: [RUN_7, RUN_9] },
    });
    expect(github.deletedRunLogs).toEqual([RUN_7, RUN_9]);
    expect(ctx.checkpoints).toEqual([{ deleted: [RUN_7] }, { deleted: [RUN_7, RUN_9] }]);
  });

  it('run again after a crash: a run already purged is not asked again', async () => {
    const github = await createFakeGitHub();
    const result = await purgeStep.run(purging({ github, progress: { deleted: [RUN_7] } }));
    expect(github.calls).toEqual([`deleteWorkflowRunLogs ${RUN_9}`]);
    expect(result.detail).toEqual({ deleted: [RUN_7, RUN_9] });
  });

  it('logs already gone (404) count as deleted: a retried purge is idempotent', async () => {
    const github = await createFakeGitHub();
    github.fail('deleteWorkflowRunLogs', 404, RUN_9);
    const result = await purgeStep.run(purging({ github }));
    expect(result).toMatchObject({ outcome: 'done', detail: { deleted: [RUN_7, RUN_9] } });
  });

  it('GitHub refuses one (403, no "Actions: write"): manual for it, the others deleted', async () => {
    const github = await createFakeGitHub();
    github.fail('deleteWorkflowRunLogs', 403, RUN_7);
    const result = stored(await purgeStep.run(purging({ github })));
    expect(result).toEqual({
      outcome: 'manual',
      summary: 'Deleted the logs of 1 run(s); GitHub refused 1.',
      instruction: `Delete the logs of these runs by hand (the App needs "Actions: write"): ${RUN_7}.`,
      detail: { deleted: [RUN_9], refused: [RUN_7] },
    });
  });

  it('GitHub down (500): thrown for the queue to retry, the runs purged so far checkpointed', async () => {
    const github = await createFakeGitHub();
    github.fail('deleteWorkflowRunLogs', 502, RUN_9);
    const ctx = purging({ github });
    const error = await purgeStep.run(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SinkError);
    expect(error).toMatchObject({ code: 'github-unavailable', status: 502 });
    expect(ctx.progressAfter()).toEqual({ deleted: [RUN_7] });
  });

  it('no Actions log held the key: skipped', async () => {
    const ctx = purging({ occurrences: [occurrence()] });
    expect(await purgeStep.run(ctx)).toEqual({ outcome: 'skipped', summary: 'No Actions log held the key.' });
  });

  it('the policy keeps run logs: skipped, saying how many still show the dead key', async () => {
    const ctx = purging({ policy: { purgeLogs: false } });
    expect(await purgeStep.run(ctx)).toEqual({
      outcome: 'skipped',
      summary: 'The policy keeps run logs (purgeLogs: false): 2 run log(s) still show the dead key.',
    });
  });

  it('a dry run: skipped, nothing deleted', async () => {
    const github = await createFakeGitHub();
    const ctx = purging({
      github,
      earlier: { gate: { outcome: 'done', detail: { mode: 'dry-run', proceed: false } } },
    });
    expect(stored(await purgeStep.run(ctx))).toEqual({
      outcome: 'skipped',
      summary: 'Dry run: would delete the logs of 2 run(s).',
      detail: { dryRun: true },
    });
    expect(github.calls).toEqual([]);
  });
});
