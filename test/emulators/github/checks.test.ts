import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ANNOTATIONS_PER_REQUEST } from '../../../emulators/github/checks.js';
import { REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

const owner = 'acme';
const repo = 'app';
const annotation = (line: number) => ({
  path: 'src/a.ts',
  start_line: line,
  end_line: line,
  annotation_level: 'failure' as const,
  message: 'key',
});

describe('GitHub emulator: check runs', () => {
  let fx: EmulatorFixture;
  let head_sha: string;
  beforeAll(async () => {
    fx = await startFixture();
    head_sha = await fx.emulator.commit(REPO, 'main', { 'src/a.ts': 'x\n' });
  });
  afterAll(async () => {
    await fx.emulator.close();
  });

  it('creates, updates and lists check runs; annotations accumulate across PATCHes', async () => {
    const { data: created } = await fx.octokit.rest.checks.create({
      owner,
      repo,
      name: 'rootguard',
      head_sha,
      status: 'in_progress',
    });
    expect(created).toMatchObject({ status: 'in_progress', conclusion: null, head_sha });
    const check_run_id = created.id;
    await fx.octokit.rest.checks.update({
      owner,
      repo,
      check_run_id,
      output: {
        title: 't',
        summary: 's',
        annotations: Array.from({ length: 50 }, (_, i) => annotation(i + 1)),
      },
    });
    const { data: done } = await fx.octokit.rest.checks.update({
      owner,
      repo,
      check_run_id,
      conclusion: 'failure',
      output: { title: 'Leak', summary: '1 key', annotations: [annotation(99)] },
    });
    expect(done).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { annotations_count: 51, title: 'Leak' },
    });
    const all = await fx.octokit.paginate(fx.octokit.rest.checks.listAnnotations, {
      owner,
      repo,
      check_run_id,
      per_page: 100,
    });
    expect(all).toHaveLength(51);
    const { data: forRef } = await fx.octokit.rest.checks.listForRef({ owner, repo, ref: 'main' });
    expect(forRef.check_runs.map((r) => r.id)).toEqual([check_run_id]);
    expect(fx.emulator.checkRuns(REPO)[0]!.annotations).toHaveLength(51);
    expect(fx.emulator.violations).toEqual([]);
  });

  it(`rejects more than ${MAX_ANNOTATIONS_PER_REQUEST} annotations in one request (422) and records the violation`, async () => {
    const { data: created } = await fx.octokit.rest.checks.create({
      owner,
      repo,
      name: 'rootguard',
      head_sha,
    });
    const tooMany = Array.from({ length: MAX_ANNOTATIONS_PER_REQUEST + 1 }, (_, i) => annotation(i + 1));
    await expect(
      fx.octokit.rest.checks.update({
        owner,
        repo,
        check_run_id: created.id,
        output: { title: 't', summary: 's', annotations: tooMany },
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(fx.emulator.checkRuns(REPO).find((r) => r.id === created.id)!.annotations).toHaveLength(0);
    expect(fx.emulator.violations).toEqual([
      {
        method: 'PATCH',
        path: `/repos/acme/app/check-runs/${created.id}`,
        problem: expect.stringContaining('must NOT have more than 50 items'),
      },
    ]);
  });
});
