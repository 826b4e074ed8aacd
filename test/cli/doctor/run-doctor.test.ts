import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../src/cli/doctor/run-doctor.js';
import type { DoctorCheck } from '../../../src/cli/doctor/doctor-check.js';
import { forgetCapabilities } from '../../../src/unkey/capabilities.js';
import {
  HAS_REDIS_SERVER,
  PERSISTENT_REDIS_ARGS,
  startRedisServer,
  type OwnRedis,
} from '../../support/redis-server.js';
import { INSTALLATION_ID, operatorConfigFor, startDoctorWorld, type DoctorWorld } from './doctor-world.js';

const states = (checks: readonly DoctorCheck[]) => Object.fromEntries(checks.map((c) => [c.name, c.state]));
const check = (checks: readonly DoctorCheck[], name: string) => checks.find((c) => c.name === name);

describe.skipIf(!HAS_REDIS_SERVER)('runDoctor against the emulators and a production-like Redis', () => {
  let redis: OwnRedis;
  let world: DoctorWorld;
  beforeAll(async () => {
    redis = await startRedisServer(PERSISTENT_REDIS_ARGS);
  });
  afterAll(async () => redis?.stop());
  beforeEach(async () => {
    forgetCapabilities();
    world = await startDoctorWorld({ redisUrl: redis.url });
    world.writeOperatorConfig(operatorConfigFor(world));
  });
  afterEach(async () => {
    expect(world.github.violations).toEqual([]);
    expect(world.unkey.violations).toEqual([]);
    await world.close();
  });

  it('passes every check of a deployment set up as the README says (the emulated Slack warns: loopback)', async () => {
    const checks = await runDoctor({ env: world.env });
    expect(states(checks)).toEqual({
      'config: environment': 'pass',
      'config: WEBHOOK_SECRET': 'pass',
      'config: ROOTGUARD_CONFIG': 'pass',
      'redis: answers': 'pass',
      'redis: maxmemory-policy': 'pass',
      'redis: persistence': 'pass',
      'redis: version': 'pass',
      'app: credentials': 'pass',
      'app: permissions': 'pass',
      'app: events': 'pass',
      'app: webhook': 'pass',
      'app: installations': 'pass',
      'deploy: acme/payments-api (secrets)': 'pass',
      'deploy: acme/payments-api (environments)': 'pass',
      'unkey: responder key': 'pass',
      'unkey: root key API': 'pass',
      'unkey: audit log API': 'pass',
      'unkey: identify permissions': 'pass',
      'unkey: contain permissions': 'pass',
      'unkey: confirm permissions': 'pass',
      'unkey: audit permissions': 'pass',
      'unkey: flag permissions': 'pass',
      'slack: SLACK_WEBHOOK_SECURITY': 'warn',
    });
    expect(JSON.stringify(checks)).not.toContain(world.responder.key.slice(8, 16));
  });

  it('fails an operator config it cannot read, and still checks Redis, the App and the responder key', async () => {
    world.writeOperatorConfig('policy:\n  mode: sometimes\n');
    const checks = await runDoctor({ env: world.env });
    expect(check(checks, 'config: ROOTGUARD_CONFIG')).toMatchObject({
      state: 'fail',
      detail: expect.stringContaining('policy.mode'),
    });
    expect(check(checks, 'redis: persistence')?.state).toBe('pass');
    expect(check(checks, 'app: credentials')?.state).toBe('pass');
    expect(check(checks, 'unkey: responder key')?.state).toBe('pass');
    expect(checks.some((c) => c.name.startsWith('deploy:') || c.name.startsWith('slack:'))).toBe(false);
  });

  it('fails App credentials GitHub refuses, and leaves out what needs them', async () => {
    const other = await startDoctorWorld({ redisUrl: redis.url });
    try {
      // Another App's private key: GitHub cannot verify the JWT.
      const checks = await runDoctor({ env: { ...world.env, PRIVATE_KEY: other.env['PRIVATE_KEY']! } });
      expect(check(checks, 'app: credentials')).toMatchObject({
        state: 'fail',
        fix: expect.stringContaining('PRIVATE_KEY'),
      });
      expect(checks.some((c) => c.name.startsWith('deploy:'))).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('fails permissions and events GitHub did not grant, naming each', async () => {
    const { issues: _issues, ...permissions } = { ...(await grantedPermissions()) };
    world.github.setAppSettings({
      permissions,
      events: [
        'push',
        'pull_request',
        'workflow_job',
        'workflow_run',
        'check_run',
        'check_suite',
        'secret_scanning_alert',
      ],
    });
    const checks = await runDoctor({ env: world.env });
    expect(check(checks, 'app: permissions')).toMatchObject({
      state: 'fail',
      detail: 'not granted: issues: write.',
    });
    expect(check(checks, 'app: events')).toMatchObject({
      state: 'fail',
      detail: expect.stringContaining('issue_comment'),
    });
  });

  it('fails a webhook without URL or secret, and a placeholder URL', async () => {
    world.github.setAppSettings({ webhookSecretSet: false });
    expect(check(await runDoctor({ env: world.env }), 'app: webhook')).toMatchObject({
      state: 'fail',
      detail: expect.stringContaining('no secret'),
    });
    world.github.setAppSettings({
      webhookSecretSet: true,
      webhookUrl: 'https://example.invalid/api/github/webhooks',
    });
    expect(check(await runDoctor({ env: world.env }), 'app: webhook')).toMatchObject({
      state: 'fail',
      detail: expect.stringContaining('placeholder'),
    });
    world.github.setAppSettings({ webhookUrl: null });
    expect(check(await runDoctor({ env: world.env }), 'app: webhook')?.detail).toContain('no webhook URL');
  });

  it('warns of a suspended installation and fails the deploy targets behind it', async () => {
    world.github.suspendInstallation(INSTALLATION_ID);
    const checks = await runDoctor({ env: world.env });
    expect(check(checks, 'app: installations')).toMatchObject({
      state: 'warn',
      detail: expect.stringContaining('suspended'),
    });
    expect(check(checks, 'deploy: acme/payments-api (secrets)')).toMatchObject({
      state: 'fail',
      detail: expect.stringContaining('suspended'),
    });
  });

  it('fails a deploy target whose installation cannot set secrets, and one where the App is not installed', async () => {
    world.github.setInstallationPermissions(INSTALLATION_ID, { environments: undefined });
    world.writeOperatorConfig(
      operatorConfigFor(world).replace(
        'notify:',
        '      - { repo: acme/elsewhere, secret: UNKEY_ROOT_KEY }\nnotify:',
      ),
    );
    const checks = await runDoctor({ env: world.env });
    const deploy = checks.filter((c) => c.name.startsWith('deploy:'));
    expect(deploy.map((c) => [c.name, c.state])).toEqual([
      ['deploy: acme/payments-api (secrets)', 'pass'],
      ['deploy: acme/payments-api (environments)', 'fail'],
      ['deploy: acme/elsewhere (secrets)', 'fail'],
    ]);
    expect(deploy[1]?.detail).toContain('environments: write');
    expect(deploy[2]?.detail).toContain('not installed');
    expect(check(checks, 'app: installation permissions')?.state).toBe('warn');
  });

  it('fails the steps whose permissions the responder key lacks, and a reroll it could not do', async () => {
    await world.close();
    world = await startDoctorWorld({
      redisUrl: redis.url,
      responderPermissions: ['rootKeys.*.read', 'audit.*.read_audit_log'],
    });
    world.writeOperatorConfig(operatorConfigFor(world));
    const checks = await runDoctor({ env: world.env });
    expect(check(checks, 'unkey: identify permissions')?.state).toBe('pass');
    expect(check(checks, 'unkey: contain permissions')).toMatchObject({
      state: 'fail',
      detail: 'the responder key lacks rootKeys.*.write, rootKeys.*.delete, which the contain step needs.',
    });
    expect(check(checks, 'unkey: flag permissions')?.state).toBe('fail');
    expect(check(checks, 'unkey: reroll "payments-api production"')).toMatchObject({
      state: 'fail',
      detail: expect.stringContaining('api.*.create_key'),
    });
  });

  it('fails a responder key Unkey does not know, and warns without one or without the root key API', async () => {
    world.unkey.deleteRootKeyByHand(world.responder.keyId);
    expect(check(await runDoctor({ env: world.env }), 'unkey: responder key')).toMatchObject({
      state: 'fail',
      fix: expect.stringContaining('UNKEY_ROOT_KEY'),
    });
    const { UNKEY_ROOT_KEY: _key, ...withoutKey } = world.env;
    expect(check(await runDoctor({ env: withoutKey }), 'unkey: responder key')?.state).toBe('warn');
  });

  it('warns that the playbook takes the assisted path on an Unkey without the root key API', async () => {
    world.unkey.setUpcoming(false);
    const checks = await runDoctor({ env: world.env });
    expect(check(checks, 'unkey: root key API')?.state).toBe('warn');
    expect(checks.some((c) => c.name === 'unkey: contain permissions')).toBe(false);
  });

  async function grantedPermissions(): Promise<Record<string, 'read' | 'write'>> {
    const { INSTALLATION_PERMISSIONS } = await import('../../../emulators/github/installations.js');
    return { ...INSTALLATION_PERMISSIONS };
  }
});
