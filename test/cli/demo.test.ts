import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_NAMES } from '../../src/playbook/step-names.js';
import { assertBuiltCliFresh } from '../support/worker-process.js';

const BIN = fileURLToPath(new URL('../../bin/rootguard.js', import.meta.url));
/** An unmasked key: `unkey_` and 8 alphanumerics (a masked one shows 2, then `…`). */
const UNMASKED_KEY = /unkey_[A-Za-z0-9]{8}/;

/** Runs the built `rootguard demo` with `args`; resolves with its exit code and output. */
async function demo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'demo', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

interface DemoJson {
  incident: {
    id: string;
    timeToRevokeMs?: number;
    timeToDeployedMs?: number;
    timeToContainMs?: number;
    status: string;
  };
  occurrences: { location: { kind: string } }[];
  run: { steps: { step: string; outcome?: string; summary: string }[] };
  reports: {
    issue: { title: string; body: string; labels: string[] } | null;
    pullRequestComments: string[];
    checkRun: { conclusion: string | null; summary: string | null } | null;
    slack: { text: string; blocks: string }[];
  };
  human?: { delivered: { step: string; outcome: string } };
}

describe('rootguard demo (the built CLI)', () => {
  const redis = new Redis('redis://127.0.0.1:6379');
  beforeAll(() => assertBuiltCliFresh());
  afterAll(async () => {
    await redis.quit();
  });

  /**
   * What the demo says on stderr about the shared Redis: a warning naming appendonly when it
   * keeps no append-only file (as on the test machines and CI), else nothing.
   */
  const expectRedisWarningOnly = async (stderr: string) => {
    const [, appendonly] = (await redis.config('GET', 'appendonly')) as [string, string];
    if (appendonly === 'yes') expect(stderr).toBe('');
    else
      expect(stderr).toMatch(
        /^rootguard: warning: the Redis at redis:\/\/127\.0\.0\.1:6379 keeps no append-only file \(appendonly no\), so the demo runs with ROOTGUARD_ALLOW_VOLATILE_REDIS=1; [^\n]*\n$/,
      );
  };

  /** Keys the demo left for its incident (under its prefix, whatever that was). */
  const leftFor = (incidentId: string) => redis.keys(`*${incidentId}*`);

  it('runs every step of the automatic path to done, prints no key and leaves nothing in Redis', async () => {
    const { code, stdout, stderr } = await demo(['--json']);
    await expectRedisWarningOnly(stderr);
    expect(code).toBe(0);
    expect(stdout + stderr).not.toMatch(UNMASKED_KEY);
    const result = JSON.parse(stdout) as DemoJson;
    expect(result.run.steps.map((s) => [s.step, s.outcome])).toEqual(STEP_NAMES.map((s) => [s, 'done']));
    expect(typeof result.incident.timeToContainMs).toBe('number');
    // The three clocks: revoked no later than confirmed dead; the secret set on the way.
    expect(result.incident.timeToRevokeMs!).toBeLessThanOrEqual(result.incident.timeToContainMs!);
    expect(typeof result.incident.timeToDeployedMs).toBe('number');
    expect(result.incident.status).toBe('contained');
    expect(result.occurrences.map((o) => o.location.kind).sort()).toEqual(['commit', 'job-log']);
    // The reports, as the emulators received them: each names the incident.
    const { issue, pullRequestComments, checkRun, slack } = result.reports;
    expect(issue?.labels).toEqual(expect.arrayContaining(['security', 'rootguard']));
    expect(issue?.body).toContain(result.incident.id);
    expect(pullRequestComments).toHaveLength(1);
    expect(pullRequestComments[0]).toContain('.env.production');
    expect(checkRun).toMatchObject({ conclusion: 'failure' });
    expect(checkRun?.summary).toContain(result.incident.id);
    expect(slack.at(-1)!.text).toMatch(/^Contained: /);
    expect(slack.at(-1)!.blocks).toMatch(/^# Contained: leaked Unkey root key/);
    expect(await leftFor(result.incident.id)).toEqual([]);
  }, 60_000);

  it('runs the assisted path (no root key API): a human rotates, deliver hands over, every step done', async () => {
    const { code, stdout, stderr } = await demo(['--json', '--assisted']);
    await expectRedisWarningOnly(stderr);
    expect(code).toBe(0);
    expect(stdout + stderr).not.toMatch(UNMASKED_KEY);
    const result = JSON.parse(stdout) as DemoJson;
    expect(result.run.steps.map((s) => [s.step, s.outcome])).toEqual(STEP_NAMES.map((s) => [s, 'done']));
    const summary = (step: string) => result.run.steps.find((s) => s.step === step)?.summary;
    expect(summary('identify')).toContain('no root key API');
    expect(summary('contain')).toContain('A human revoked the key');
    expect(summary('distribute')).toContain('Delivered by hand');
    expect(result.human?.delivered).toMatchObject({ step: 'distribute', outcome: 'done' });
    expect(typeof result.incident.timeToContainMs).toBe('number');
    expect(await leftFor(result.incident.id)).toEqual([]);
  }, 60_000);

  it('prints the readable account without a key, and fails with one line on a Redis that does not answer', async () => {
    const text = await demo([]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^timeToRevokeMs: \d+$/m);
    expect(text.stdout).toMatch(/^timeToDeployedMs: \d+$/m);
    expect(text.stdout).toMatch(/^timeToContainMs: \d+$/m);
    for (const section of ['Found', 'Playbook', 'Incident issue', 'Pull request #1 comment', 'Check run'])
      expect(text.stdout).toMatch(new RegExp(`^${section}$`, 'm'));
    expect(text.stdout).toMatch(/^Slack #security-alerts\n\n {4}# Leaked Unkey root key/m);
    expect(text.stdout).toMatch(/fallback text: rootguard found a leaked Unkey root key/);
    expect(text.stdout).not.toMatch(UNMASKED_KEY);
    // 100 columns, but for a single word longer than that (a link: kept whole, so it still works).
    const wide = text.stdout.split('\n').filter((line) => [...line].length > 100);
    expect(wide.filter((line) => /\S\s+\S/.test(line.trim()))).toEqual([]);

    const bad = await demo(['--redis', 'redis://127.0.0.1:1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^rootguard: demo failed: --redis .* does not answer PING\.$/),
    ]);
  }, 60_000);
});
