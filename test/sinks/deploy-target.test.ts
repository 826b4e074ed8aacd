import { describe, expect, it } from 'vitest';
import { describeTarget, targetId, type DeployTarget } from '../../src/sinks/deploy-target.js';
import { grantPermissionInstruction, setSecretInstruction } from '../../src/sinks/manual-instruction.js';

const repo: DeployTarget = { scope: 'repo', repo: 'acme/api', name: 'UNKEY_ROOT_KEY' };
const env: DeployTarget = {
  scope: 'environment',
  repo: 'acme/api',
  environment: 'production',
  name: 'UNKEY_ROOT_KEY',
};
const org: DeployTarget = { scope: 'org', org: 'acme', name: 'UNKEY_ROOT_KEY' };

describe('deploy targets', () => {
  it('are described in words and have stable ids', () => {
    expect([repo, env, org].map(describeTarget)).toEqual([
      'repository secret UNKEY_ROOT_KEY in acme/api',
      'environment secret UNKEY_ROOT_KEY (production) in acme/api',
      'organisation secret UNKEY_ROOT_KEY of acme',
    ]);
    expect([repo, env, org].map(targetId)).toEqual([
      'repo:acme/api:UNKEY_ROOT_KEY',
      'environment:acme/api:production:UNKEY_ROOT_KEY',
      'org:acme:UNKEY_ROOT_KEY',
    ]);
  });

  it('give instructions that name the secret and end so a key id can be appended', () => {
    expect(setSecretInstruction(org)).toBe(
      'Set the organisation secret UNKEY_ROOT_KEY of acme to the new key',
    );
    expect(setSecretInstruction(org, 'key_123')).toBe(
      'Set the organisation secret UNKEY_ROOT_KEY of acme to the new key (key id key_123)',
    );
    expect(grantPermissionInstruction(env)).toBe(
      'Give the rootguard GitHub App the "environments: write" permission (App settings → Permissions, ' +
        'then accept the new permission on the installation for acme), or set the environment secret ' +
        'UNKEY_ROOT_KEY (production) in acme/api to the new key',
    );
    expect(grantPermissionInstruction(repo)).toContain('"secrets: write"');
    expect(grantPermissionInstruction(org)).toContain('"organization_secrets: write"');
  });
});
