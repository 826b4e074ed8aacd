import { describe, expect, it } from 'vitest';
import { readDeployKeys, sealReplacement } from '../../../src/playbook/seal-replacement.js';
import type { ContainDetail } from '../../../src/playbook/step-details.js';
import { distribute, distributeStep } from '../../../src/playbook/steps/distribute.js';
import type { DeployTarget } from '../../../src/sinks/deploy-target.js';
import { SinkError } from '../../../src/sinks/errors.js';
import { KeyGenerator } from '../../support/keygen.js';
import { createFakeGitHub, type FakeGitHub } from './fake-github.js';
import {
  INCIDENT_ID,
  NOW,
  REPO,
  secret,
  stepContext,
  stored,
  type EarlierSteps,
  type StepContextOptions,
} from './step-context-fixture.js';

const gen = new KeyGenerator(1307);
const REPO_TARGET: DeployTarget = { scope: 'repo', repo: REPO, name: 'UNKEY_ROOT_KEY' };
const ENV_TARGET: DeployTarget = {
  scope: 'environment',
  repo: REPO,
  environment: 'production',
  name: 'UNKEY_KEY',
};
const TARGETS = [REPO_TARGET, ENV_TARGET];
const REPO_ID = `repo:${REPO}:UNKEY_ROOT_KEY`;
const ENV_ID = `environment:${REPO}:production:UNKEY_KEY`;

/** What contain records after a reroll: the replacement sealed for each target with the fake GitHub's keys. */
async function rerolled(github: FakeGitHub, targets: readonly DeployTarget[]): Promise<ContainDetail> {
  const sealed = await sealReplacement(await readDeployKeys(github, targets), {
    keyId: 'key_new',
    key: secret(gen.rootKey()),
  });
  return { path: 'automatic', originalKeyId: 'key_orig', ...sealed };
}

function earlier(targets: readonly DeployTarget[], contain?: object, extra: EarlierSteps = {}): EarlierSteps {
  return {
    verify: { outcome: 'done', detail: { liveness: 'live' } },
    identify: {
      outcome: 'done',
      detail: { path: 'automatic', keyId: 'key_orig', deploy: targets, deploySource: 'inventory' },
    },
    gate: { outcome: 'done', detail: { mode: 'auto', proceed: true } },
    ...(contain ? { contain: { outcome: 'done', detail: { ...contain } } } : {}),
    ...extra,
  };
}

function distributing(options: Omit<StepContextOptions, 'key'>) {
  return stepContext({ key: gen.rootKey(), ...options });
}

describe('distribute, a replacement to set', () => {
  it('sets every deploy target to the sealed replacement, checkpointing each, and stops the deployed clock', async () => {
    const github = await createFakeGitHub();
    const contain = await rerolled(github, TARGETS);
    const ctx = distributing({ github, earlier: earlier(TARGETS, contain) });
    const result = stored(await distributeStep.run(ctx));
    expect(result).toEqual({
      outcome: 'done',
      summary: `Set repository secret UNKEY_ROOT_KEY in ${REPO}, environment secret UNKEY_KEY (production) in ${REPO} to the new key (time to deployed, first report → every target set: 2000 ms).`,
      detail: { set: [REPO_ID, ENV_ID], manualTargets: 0 },
    });
    expect(github.secretFingerprint(REPO, 'UNKEY_ROOT_KEY')).toBe(contain.newFingerprint);
    expect(github.secretFingerprint(`${REPO}:production`, 'UNKEY_KEY')).toBe(contain.newFingerprint);
    expect(ctx.checkpoints).toEqual([{ set: [REPO_ID] }, { set: [REPO_ID, ENV_ID] }]);
    expect(ctx.incidentUpdates).toEqual([
      { deployedAt: new Date(NOW).toISOString(), timeToDeployedMs: 2_000 },
    ]);
  });

  it('run again after a crash: a target already set is not set again', async () => {
    const github = await createFakeGitHub();
    const contain = await rerolled(github, TARGETS);
    const ctx = distributing({ github, earlier: earlier(TARGETS, contain), progress: { set: [REPO_ID] } });
    const result = await distributeStep.run(ctx);
    expect(result.outcome).toBe('done');
    expect(github.calls.filter((c) => c.startsWith('createOrUpdate'))).toEqual([
      `createOrUpdateEnvironmentSecret ${REPO}:production`,
    ]);
    expect(result.detail).toEqual({ set: [REPO_ID, ENV_ID], manualTargets: 0 });
  });

  it('the deployed clock already set (a second delivery): not moved, the summary gives no time', async () => {
    const github = await createFakeGitHub();
    const contain = await rerolled(github, [REPO_TARGET]);
    const ctx = distributing({
      github,
      earlier: earlier([REPO_TARGET], contain),
      incident: { deployedAt: new Date(NOW - 1_000).toISOString() },
    });
    const result = await distributeStep.run(ctx);
    expect(result.summary).toBe(`Set repository secret UNKEY_ROOT_KEY in ${REPO} to the new key.`);
    expect(ctx.incidentUpdates).toEqual([]);
  });

  it('GitHub refuses one target (its public key changed: 422): manual for it, the other set', async () => {
    const github = await createFakeGitHub();
    const contain = await rerolled(github, TARGETS);
    github.rotatePublicKey(`${REPO}:production`);
    const ctx = distributing({ github, earlier: earlier(TARGETS, contain) });
    const result = stored(await distributeStep.run(ctx));
    expect(result.outcome).toBe('manual');
    expect(result.summary).toBe('Set 1 of 2 deploy target(s); 1 need a human.');
    expect(result.detail).toEqual({ set: [REPO_ID], manualTargets: 1 });
    expect(result.instruction).toMatch(/^GitHub answered 422 .* changed after the key was sealed/);
    expect(result.instruction).toContain(`rotate key_new in the Unkey dashboard`);
    expect(result.instruction).toContain(`rootguard deliver --incident ${INCIDENT_ID}`);
    expect(ctx.incidentUpdates).toEqual([]);
  });

  it('a target contain could not seal for: manual, with the seal failure and what to do', async () => {
    const github = await createFakeGitHub();
    github.fail('getEnvironmentPublicKey', 403, `${REPO}:production`);
    const contain = await rerolled(github, TARGETS);
    const ctx = distributing({ github, earlier: earlier(TARGETS, contain) });
    const result = stored(await distributeStep.run(ctx));
    expect(result.outcome).toBe('manual');
    expect(result.detail).toEqual({ set: [REPO_ID], manualTargets: 1 });
    expect(result.instruction).toMatch(
      /^GitHub answered 403 \(refused\) for the public key of environment production of acme\/api\. environment secret UNKEY_KEY \(production\) in acme\/api does not hold the new key/,
    );
  });

  it('GitHub down (500): thrown for the queue to retry, the targets set so far checkpointed', async () => {
    const github = await createFakeGitHub();
    const contain = await rerolled(github, TARGETS);
    github.fail('createOrUpdateEnvironmentSecret', 500);
    const ctx = distributing({ github, earlier: earlier(TARGETS, contain) });
    const error = await distributeStep.run(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SinkError);
    expect(error).toMatchObject({ code: 'github-unavailable' });
    expect(ctx.progressAfter()).toEqual({ set: [REPO_ID] });
  });

  it('a replacement but no deploy target known: manual, with where to add them', async () => {
    const github = await createFakeGitHub();
    const contain = await rerolled(github, []);
    const result = stored(await distributeStep.run(distributing({ github, earlier: earlier([], contain) })));
    expect(result).toEqual({
      outcome: 'manual',
      summary: 'The replacement key_new was made, but no deploy target is known.',
      instruction: `Add the key's deploy targets to the operator config (rootKeys[].deploy) and set them with \`rootguard deliver --incident ${INCIDENT_ID}\`, or replace the old key wherever it is used.`,
      detail: { set: [] },
    });
  });
});

describe('distribute, no replacement', () => {
  it('a dry run: skipped, naming the targets it would set (or none)', async () => {
    const dry = { gate: { outcome: 'done' as const, detail: { mode: 'dry-run', proceed: false } } };
    const named = stored(
      await distributeStep.run(distributing({ earlier: earlier(TARGETS, undefined, dry) })),
    );
    expect(named).toEqual({
      outcome: 'skipped',
      summary: `Dry run: would set repository secret UNKEY_ROOT_KEY in ${REPO}, environment secret UNKEY_KEY (production) in ${REPO}.`,
      detail: { dryRun: true },
    });
    const none = await distributeStep.run(distributing({ earlier: earlier([], undefined, dry) }));
    expect(none.summary).toBe('Dry run: no deploy target is known.');
  });

  it('revoked by someone else before rootguard acted: manual, the targets still hold the dead key', async () => {
    const ctx = distributing({
      earlier: earlier([REPO_TARGET], undefined, {
        verify: { outcome: 'done', detail: { liveness: 'dead' } },
        contain: { outcome: 'skipped' },
      }),
    });
    const result = stored(await distributeStep.run(ctx));
    expect(result).toEqual({
      outcome: 'manual',
      summary: `The key was revoked by someone else before rootguard acted: repository secret UNKEY_ROOT_KEY in ${REPO} still hold(s) the dead key.`,
      instruction: `Pipe the key that replaced it into \`rootguard deliver --incident ${INCIDENT_ID}\`: it seals it for repository secret UNKEY_ROOT_KEY in ${REPO} and sets them.`,
    });
  });

  it('containment skipped (not approved) and nothing known to be revoked: skipped, nothing to deploy', async () => {
    const ctx = distributing({ earlier: earlier(TARGETS, undefined, { contain: { outcome: 'skipped' } }) });
    expect(await distributeStep.run(ctx)).toEqual({
      outcome: 'skipped',
      summary: 'No replacement key was made, so there is nothing to deploy.',
    });
  });

  it('the assisted path: manual until a human pipes the new key into rootguard deliver', async () => {
    const ctx = distributing({
      earlier: earlier(TARGETS, undefined, { contain: { outcome: 'done', detail: { path: 'assisted' } } }),
    });
    const result = await distributeStep.run(ctx);
    expect(result.outcome).toBe('manual');
    expect(result.summary).toBe('No replacement key has reached rootguard yet.');
    expect(result.instruction).toContain(
      `it seals it for repository secret UNKEY_ROOT_KEY in ${REPO}, environment secret`,
    );
    const noTargets = await distributeStep.run(
      distributing({
        earlier: earlier([], undefined, { contain: { outcome: 'done', detail: { path: 'assisted' } } }),
      }),
    );
    expect(noTargets.instruction).toContain('it seals it for the deploy targets and sets them.');
  });
});

describe('distribute, as rootguard deliver runs it', () => {
  it('sets the targets from the delivered replacement even though contain made none', async () => {
    const github = await createFakeGitHub();
    const delivered = await rerolled(github, [REPO_TARGET]);
    const ctx = distributing({
      github,
      earlier: earlier([REPO_TARGET], undefined, {
        verify: { outcome: 'done', detail: { liveness: 'dead' } },
        contain: { outcome: 'skipped' },
      }),
    });
    const result = await distribute(ctx, delivered);
    expect(result).toMatchObject({ outcome: 'done', detail: { set: [REPO_ID], manualTargets: 0 } });
    expect(github.secretFingerprint(REPO, 'UNKEY_ROOT_KEY')).toBe(delivered.newFingerprint);
  });

  it('a delivery without a replacement is never taken for "nothing to deploy"', async () => {
    const result = await distribute(
      distributing({ earlier: earlier([REPO_TARGET], undefined, { contain: { outcome: 'skipped' } }) }),
      {},
    );
    expect(result.summary).toBe('No replacement key has reached rootguard yet.');
  });
});
