import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkRunRequestedActionPayload,
  checkRunRerequestedPayload,
  issueCommentCreatedPayload,
  checkSuiteRerequestedPayload,
  pullRequestPayload,
  pushPayload,
  secretScanningAlertCreatedPayload,
  workflowJobCompletedPayload,
  workflowRunCompletedPayload,
  ZERO_SHA,
} from '../../../emulators/github/webhook-payloads.js';
import {
  installationCreatedPayload,
  installationRepositoriesAddedPayload,
} from '../../../emulators/github/installation-payloads.js';
import { KeyGenerator } from '../../support/keygen.js';
import { INSTALLATION_ID, REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

const require = createRequire(import.meta.url);
const schema = require('@octokit/webhooks-schemas/schema.json') as { definitions: Record<string, unknown> };
const ajv = new Ajv({ strict: false, validateFormats: false });
// Only the definitions: compiling the root (a oneOf over every event) takes seconds.
ajv.addSchema({ $id: 'webhooks', definitions: schema.definitions });
const validators = new Map<string, ValidateFunction>();

function problems(definition: string, payload: unknown): string {
  let validate = validators.get(definition);
  if (!validate) {
    validate = ajv.compile({ $ref: `webhooks#/definitions/${definition.replace('$', '%24')}` });
    validators.set(definition, validate);
  }
  return validate(payload) ? '' : ajv.errorsText(validate.errors, { separator: '\n' });
}

describe('GitHub emulator: webhook payloads validate against @octokit/webhooks-schemas', () => {
  let fx: EmulatorFixture;
  let base: string;
  let feature: string;
  const secret = new KeyGenerator(1).rootKey();
  beforeAll(async () => {
    fx = await startFixture();
    base = await fx.emulator.commit(REPO, 'main', { 'a.txt': 'a\n', 'old.txt': 'x\n' });
    await fx.emulator.createBranch(REPO, 'feature', 'main');
    feature = await fx.emulator.commit(REPO, 'feature', {
      'a.txt': 'b\n',
      'new.txt': 'n\n',
      'old.txt': null,
    });
    await fx.emulator.openPullRequest(REPO, { number: 5, head: 'feature', base: 'main' });
    fx.emulator.addWorkflowRun(REPO, {
      runId: 42,
      headSha: feature,
      jobs: [{ id: 420, name: 'build', steps: [{ name: 'Set up job' }], log: 'x\n' }],
    });
    fx.emulator.addSecretScanningAlert(REPO, {
      number: 1,
      secretType: 'unkey_root_key',
      secret,
      locations: [
        { path: 'a.txt', commitSha: base, blobSha: base, startLine: 1, startColumn: 1, endColumn: 2 },
      ],
    });
  });
  afterAll(async () => {
    expect(fx.emulator.violations).toEqual([]);
    await fx.emulator.close();
  });

  it('the schema check rejects what GitHub would not send', async () => {
    const payload = await pushPayload(fx.emulator, { repo: REPO, branch: 'feature', before: base });
    expect(problems('push$event', { ...payload, extra: 1 })).toContain('additional properties');
    expect(problems('push$event', { ...payload, forced: 'yes' })).toContain('must be boolean');
  });

  it('push: normal, new branch, deletion, force', async () => {
    const normal = await pushPayload(fx.emulator, { repo: REPO, branch: 'feature', before: base });
    expect(problems('push$event', normal)).toBe('');
    expect(normal).toMatchObject({ after: feature, created: false, deleted: false, forced: false });
    expect(
      (normal['commits'] as { added: string[]; removed: string[]; modified: string[] }[])[0],
    ).toMatchObject({
      added: ['new.txt'],
      removed: ['old.txt'],
      modified: ['a.txt'],
    });
    const created = await pushPayload(fx.emulator, { repo: REPO, branch: 'feature', before: ZERO_SHA });
    expect(problems('push$event', created)).toBe('');
    expect(created).toMatchObject({ created: true, commits: [{ id: feature }] });
    const deleted = await pushPayload(fx.emulator, {
      repo: REPO,
      branch: 'gone',
      before: feature,
      after: ZERO_SHA,
    });
    expect(problems('push$event', deleted)).toBe('');
    expect(deleted).toMatchObject({ deleted: true, commits: [], head_commit: null });
    await fx.emulator.createBranch(REPO, 'rewrite', 'feature');
    const rewritten = await fx.emulator.commit(REPO, 'rewrite', { 'a.txt': 'c\n' }, { parent: base });
    const forced = await pushPayload(fx.emulator, { repo: REPO, branch: 'rewrite', before: feature });
    expect(problems('push$event', forced)).toBe('');
    expect(forced).toMatchObject({ forced: true, after: rewritten });
  });

  it.each(['opened', 'synchronize', 'reopened'] as const)('pull_request %s', async (action) => {
    const payload = await pullRequestPayload(fx.emulator, { repo: REPO, number: 5, action, before: base });
    expect(problems(`pull_request$${action}`, payload)).toBe('');
    expect(payload).toMatchObject({ number: 5, pull_request: { head: { sha: feature } } });
  });

  it('installation created and installation_repositories added', () => {
    const options = { installationId: INSTALLATION_ID, repos: [REPO] };
    expect(problems('installation$created', installationCreatedPayload(fx.emulator, options))).toBe('');
    expect(
      problems('installation_repositories$added', installationRepositoriesAddedPayload(fx.emulator, options)),
    ).toBe('');
  });

  it('workflow_job and workflow_run completed', () => {
    expect(
      problems(
        'workflow_job$completed',
        workflowJobCompletedPayload(fx.emulator, { repo: REPO, jobId: 420 }),
      ),
    ).toBe('');
    expect(
      problems('workflow_run$completed', workflowRunCompletedPayload(fx.emulator, { repo: REPO, runId: 42 })),
    ).toBe('');
  });

  it('check_run and check_suite rerequested', async () => {
    const { data } = await fx.octokit.rest.checks.create({
      owner: 'acme',
      repo: 'app',
      name: 'rootguard',
      head_sha: feature,
      conclusion: 'neutral',
    });
    expect(
      problems(
        'check_run$rerequested',
        checkRunRerequestedPayload(fx.emulator, { repo: REPO, checkRunId: data.id }),
      ),
    ).toBe('');
    expect(
      problems(
        'check_suite$rerequested',
        checkSuiteRerequestedPayload(fx.emulator, { repo: REPO, checkRunId: data.id }),
      ),
    ).toBe('');
  });

  it('check_run requested_action, for an action the run offers', async () => {
    const { data } = await fx.octokit.rest.checks.create({
      owner: 'acme',
      repo: 'app',
      name: 'rootguard',
      head_sha: feature,
      conclusion: 'action_required',
      output: { title: 'Leak', summary: 'approve?', text: 'details' },
      actions: [{ label: 'Approve', description: 'Run the playbook', identifier: 'approve' }],
    });
    const payload = checkRunRequestedActionPayload(fx.emulator, {
      repo: REPO,
      checkRunId: data.id,
      identifier: 'approve',
      login: 'alice',
    });
    expect(problems('check_run$requested_action', payload)).toBe('');
    expect(payload).toMatchObject({
      requested_action: { identifier: 'approve' },
      sender: { login: 'alice' },
      check_run: { id: data.id, output: { title: 'Leak', summary: 'approve?', text: 'details' } },
      installation: { id: 77 },
    });
    expect(() =>
      checkRunRequestedActionPayload(fx.emulator, {
        repo: REPO,
        checkRunId: data.id,
        identifier: 'not-offered',
        login: 'alice',
      }),
    ).toThrow('offers no action not-offered');
  });

  it('issue_comment created on an issue stores the comment as its author', async () => {
    const { data: issue } = await fx.octokit.rest.issues.create({
      owner: 'acme',
      repo: 'app',
      title: 'Incident',
      labels: ['rootguard'],
      assignees: ['alice'],
    });
    const payload = issueCommentCreatedPayload(fx.emulator, {
      repo: REPO,
      issueNumber: issue.number,
      body: '/rootguard approve',
      login: 'alice',
    });
    expect(problems('issue_comment$created', payload)).toBe('');
    const comment = payload['comment'] as Record<string, unknown>;
    expect(problems('issue_comment$created', { ...payload, comment: { ...comment, extra: 1 } })).toContain(
      'additional properties',
    );
    expect(payload).toMatchObject({
      issue: { number: issue.number, comments: 1, assignee: { login: 'alice' } },
      comment: { body: '/rootguard approve', user: { login: 'alice', type: 'User' } },
      sender: { login: 'alice', type: 'User' },
    });
    const { data: listed } = await fx.octokit.rest.issues.listComments({
      owner: 'acme',
      repo: 'app',
      issue_number: issue.number,
    });
    expect(listed.map((c) => [c.user!.login, c.body])).toEqual([['alice', '/rootguard approve']]);
    expect(fx.emulator.issueComments(REPO, issue.number)[0]!.author).toEqual({
      login: 'alice',
      type: 'User',
    });
  });

  it('issue_comment created on a pull request, by a bot', () => {
    const payload = issueCommentCreatedPayload(fx.emulator, {
      repo: REPO,
      issueNumber: 5,
      body: 'ci says hi',
      login: 'ci[bot]',
      userType: 'Bot',
    });
    expect(problems('issue_comment$created', payload)).toBe('');
    expect(payload).toMatchObject({
      issue: { number: 5, pull_request: { url: expect.stringContaining('/pulls/5') } },
      sender: { login: 'ci[bot]', type: 'Bot' },
    });
    expect(() =>
      issueCommentCreatedPayload(fx.emulator, { repo: REPO, issueNumber: 404, body: 'x', login: 'a' }),
    ).toThrow('no issue or pull request');
  });

  it('secret_scanning_alert created, without the secret', () => {
    const payload = secretScanningAlertCreatedPayload(fx.emulator, { repo: REPO, number: 1 });
    expect(problems('secret_scanning_alert$created', payload)).toBe('');
    expect(JSON.stringify(payload).includes(secret)).toBe(false);
  });
});
