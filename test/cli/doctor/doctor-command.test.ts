import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetCapabilities } from '../../../src/unkey/capabilities.js';
import { HAS_REDIS_SERVER, PERSISTENT_REDIS_ARGS, startRedisServer } from '../../support/redis-server.js';
import { findKeyMaterial } from '../../support/secret-canary.js';
import { makeTree, runRootguard } from '../harness.js';
import { operatorConfigFor, startDoctorWorld, watchDoctorOutput, type DoctorWorld } from './doctor-world.js';

/** The shared test Redis keeps no append-only file (DESIGN.md §4): doctor must fail it. */
const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

describe('rootguard doctor', () => {
  let world: DoctorWorld;
  beforeEach(async () => {
    forgetCapabilities();
    world = await startDoctorWorld({ redisUrl: SHARED_REDIS_URL });
    world.writeOperatorConfig(operatorConfigFor(world));
  });
  afterEach(async () => world.close());

  it('prints one table with the fix under each failure, and exits 2 on a Redis without AOF', async () => {
    const run = await runRootguard(['doctor'], { cwd: makeTree(), env: world.env });
    watchDoctorOutput('doctor text', run.stdout + run.stderr);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    const persistence = lines.findIndex((line) => /^FAIL {2}redis: persistence +appendonly no/.test(line));
    expect(persistence).toBeGreaterThan(-1);
    expect(lines[persistence + 1]).toMatch(/^ +fix: turn the append-only file on/);
    expect(run.stdout).toMatch(/^pass {2}app: credentials /m);
    expect(run.stdout).toMatch(/^WARN {2}slack: SLACK_WEBHOOK_SECURITY /m);
    expect(run.stdout).toMatch(/^not ready: \d+ passed, 1 warning\(s\), 1 failed\.$/m);
    expect(findKeyMaterial([['stdout', run.stdout]], [world.responder.key, world.inventoryKey.key])).toEqual(
      [],
    );
    for (const secret of world.secrets) expect(run.stdout).not.toContain(secret);
    expect(run.stdout).not.toContain('PRIVATE KEY');
  });

  it.skipIf(!HAS_REDIS_SERVER)(
    'exits 0 when only warnings remain (no responder key, a loopback Slack URL)',
    async () => {
      const redis = await startRedisServer(PERSISTENT_REDIS_ARGS);
      try {
        const run = await runRootguard(['doctor'], {
          cwd: makeTree(),
          env: { ...world.env, ROOTGUARD_REDIS_URL: redis.url, UNKEY_ROOT_KEY: '' },
        });
        watchDoctorOutput('doctor text, warnings only', run.stdout);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^WARN {2}unkey: responder key +UNKEY_ROOT_KEY is not set/m);
        expect(run.stdout).not.toMatch(/^FAIL/m);
        expect(run.stdout).toMatch(/^ready: \d+ passed, 2 warning\(s\), 0 failed\.$/m);
      } finally {
        await redis.stop();
      }
    },
  );

  it('--format json: every check with its state, detail and fix', async () => {
    const run = await runRootguard(['doctor', '--format', 'json'], { cwd: makeTree(), env: world.env });
    watchDoctorOutput('doctor json', run.stdout);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      checks: { name: string; state: string; fix?: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === 'redis: persistence')).toMatchObject({
      state: 'fail',
      fix: expect.stringContaining('appendonly yes'),
    });
    expect(report.checks.find((c) => c.name === 'unkey: contain permissions')?.state).toBe('pass');
    for (const secret of world.secrets) expect(run.stdout).not.toContain(secret);
  });

  it('fails on a setting it cannot read, with the message naming it', async () => {
    const run = await runRootguard(['doctor'], { cwd: makeTree(), env: { ...world.env, APP_ID: 'abc' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^FAIL {2}config: environment +APP_ID must be the numeric App ID/m);
  });
});
