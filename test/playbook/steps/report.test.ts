import { describe, expect, it } from 'vitest';
import { reportStep } from '../../../src/playbook/steps/report.js';
import { KeyGenerator } from '../../support/keygen.js';
import { stepContext, stored } from './step-context-fixture.js';

const gen = new KeyGenerator(1303);

describe('report', () => {
  it('records the revision it reports, read again from the store (occurrences that arrived meanwhile count)', async () => {
    const ctx = stepContext({
      key: gen.rootKey(),
      incident: { revision: 1, occurrenceCount: 1 },
      latest: { revision: 4, occurrenceCount: 3 },
    });
    const result = stored(await reportStep.run(ctx));
    expect(result).toEqual({
      outcome: 'done',
      summary: 'Reported to the incident issue, pull requests, check runs and Slack (3 occurrence(s)).',
      detail: { revision: 4 },
    });
  });

  it('falls back to the incident it started with when the store no longer has it', async () => {
    const ctx = stepContext({ key: gen.rootKey(), incident: { revision: 2, occurrenceCount: 2 } });
    const gone = { ...ctx, deps: { ...ctx.deps, incidents: { get: async () => undefined } } };
    const result = await reportStep.run(gone as unknown as typeof ctx);
    expect(result.detail).toEqual({ revision: 2 });
    expect(result.summary).toContain('(2 occurrence(s))');
  });

  it("run again after a crash: records the same revision, writes nothing itself (the hand-over is runPlaybook's)", async () => {
    const first = stepContext({ key: gen.rootKey(), latest: { revision: 5 } });
    const again = stepContext({
      key: gen.rootKey(),
      latest: { revision: 5 },
      progress: first.progressAfter(),
    });
    expect((await reportStep.run(first)).detail).toEqual({ revision: 5 });
    expect((await reportStep.run(again)).detail).toEqual({ revision: 5 });
    for (const ctx of [first, again]) {
      expect(ctx.checkpoints).toEqual([]);
      expect(ctx.incidentUpdates).toEqual([]);
      expect(ctx.timeline).toEqual([]);
    }
  });
});
