import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_ACTION_DESCRIPTION,
  MAX_ACTION_IDENTIFIER,
  MAX_ACTION_LABEL,
  MAX_CHECK_RUN_ACTIONS,
} from '../../../emulators/github/checks.js';
import { REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

const owner = 'acme';
const repo = 'app';
const action = (identifier: string) => ({ label: 'Approve', description: 'Run the playbook', identifier });

describe('GitHub emulator: check run actions and output', () => {
  let fx: EmulatorFixture;
  let head_sha: string;
  beforeAll(async () => {
    fx = await startFixture();
    head_sha = await fx.emulator.commit(REPO, 'main', { 'a.txt': 'x\n' });
  });
  beforeEach(() => {
    fx.emulator.violations.length = 0;
  });
  afterAll(async () => {
    await fx.emulator.close();
  });

  it('keeps the actions of create and update (an update replaces them) and the output', async () => {
    const { data: created } = await fx.octokit.rest.checks.create({
      owner,
      repo,
      name: 'rootguard',
      head_sha,
      actions: [action('approve'), action('dismiss')],
      output: { title: 'Leak', summary: 'one key', text: 'details' },
    });
    const record = () => fx.emulator.checkRuns(REPO).find((r) => r.id === created.id)!;
    expect(record().actions.map((a) => a.identifier)).toEqual(['approve', 'dismiss']);
    expect(record().output).toEqual({ title: 'Leak', summary: 'one key', text: 'details' });
    await fx.octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: created.id,
      actions: [action('retry')],
    });
    expect(record().actions).toEqual([action('retry')]);
    // An update without actions leaves them alone.
    await fx.octokit.rest.checks.update({ owner, repo, check_run_id: created.id, status: 'in_progress' });
    expect(record().actions).toEqual([action('retry')]);
    expect(fx.emulator.violations).toEqual([]);
  });

  it('checks/get returns the current output, so a client can read-modify-write it', async () => {
    const { data: created } = await fx.octokit.rest.checks.create({
      owner,
      repo,
      name: 'rootguard',
      head_sha,
      output: { title: 'Scanning', summary: 'first', text: 'line 1' },
    });
    const { data: read } = await fx.octokit.rest.checks.get({ owner, repo, check_run_id: created.id });
    expect(read.output).toMatchObject({ title: 'Scanning', summary: 'first', text: 'line 1' });
    await fx.octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: created.id,
      output: { title: read.output.title!, summary: `${read.output.summary} + second` },
    });
    const { data: again } = await fx.octokit.rest.checks.get({ owner, repo, check_run_id: created.id });
    expect(again.output).toMatchObject({ title: 'Scanning', summary: 'first + second', text: 'line 1' });
    expect(fx.emulator.violations).toEqual([]);
  });

  it.each([
    ['too many actions', Array.from({ length: MAX_CHECK_RUN_ACTIONS + 1 }, (_, i) => action(`a${i}`))],
    ['a long label', [{ ...action('a'), label: 'x'.repeat(MAX_ACTION_LABEL + 1) }]],
    ['a long description', [{ ...action('a'), description: 'x'.repeat(MAX_ACTION_DESCRIPTION + 1) }]],
    ['a long identifier', [action('x'.repeat(MAX_ACTION_IDENTIFIER + 1))]],
  ])('answers 422 for %s, keeps the old actions and records the violation', async (_, actions) => {
    const { data: created } = await fx.octokit.rest.checks.create({
      owner,
      repo,
      name: 'rootguard',
      head_sha,
      actions: [action('keep')],
    });
    await expect(
      fx.octokit.rest.checks.update({ owner, repo, check_run_id: created.id, actions }),
    ).rejects.toMatchObject({ status: 422 });
    expect(fx.emulator.checkRuns(REPO).find((r) => r.id === created.id)!.actions).toEqual([action('keep')]);
    expect(fx.emulator.violations).toHaveLength(1);
  });

  it('the limits at their maximum are accepted', async () => {
    const longest = {
      label: 'x'.repeat(MAX_ACTION_LABEL),
      description: 'y'.repeat(MAX_ACTION_DESCRIPTION),
      identifier: 'z'.repeat(MAX_ACTION_IDENTIFIER),
    };
    const { data } = await fx.octokit.rest.checks.create({
      owner,
      repo,
      name: 'rootguard',
      head_sha,
      actions: Array.from({ length: MAX_CHECK_RUN_ACTIONS }, () => longest),
    });
    expect(fx.emulator.checkRuns(REPO).find((r) => r.id === data.id)!.actions).toHaveLength(3);
    expect(fx.emulator.violations).toEqual([]);
  });
});
