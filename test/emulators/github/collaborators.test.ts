import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALLATION_ID, REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

const owner = 'acme';
const repo = 'app';

describe('GitHub emulator: collaborator permission', () => {
  let fx: EmulatorFixture;
  beforeAll(async () => {
    fx = await startFixture();
    await fx.emulator.createRepository('acme/secret', { installationId: INSTALLATION_ID, private: true });
  });
  afterAll(async () => {
    expect(fx.emulator.violations).toEqual([]);
    await fx.emulator.close();
  });

  it.each([
    ['admin', 'admin', { admin: true, maintain: true, push: true, triage: true, pull: true }],
    ['maintain', 'write', { admin: false, maintain: true, push: true, triage: true, pull: true }],
    ['write', 'write', { admin: false, maintain: false, push: true, triage: true, pull: true }],
    ['triage', 'read', { admin: false, maintain: false, push: false, triage: true, pull: true }],
    ['read', 'read', { admin: false, maintain: false, push: false, triage: false, pull: true }],
    ['none', 'none', { admin: false, maintain: false, push: false, triage: false, pull: false }],
  ] as const)('role %s reads as permission %s', async (role, permission, flags) => {
    fx.emulator.setCollaboratorPermission(REPO, `user-${role}`, role);
    const { data } = await fx.octokit.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo,
      username: `user-${role}`,
    });
    expect(data).toMatchObject({
      permission,
      role_name: role,
      user: { login: `user-${role}`, type: 'User', permissions: flags, role_name: role },
    });
  });

  it('a login never set reads a public repository and has none on a private one', async () => {
    const onPublic = await fx.octokit.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo,
      username: 'stranger',
    });
    expect(onPublic.data).toMatchObject({ permission: 'read', role_name: 'read' });
    const onPrivate = await fx.octokit.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo: 'secret',
      username: 'stranger',
    });
    expect(onPrivate.data).toMatchObject({ permission: 'none', role_name: 'none' });
    // The same login is the same user everywhere.
    expect(onPrivate.data.user!.id).toBe(onPublic.data.user!.id);
  });

  it('logins are case-insensitive, as on GitHub', async () => {
    fx.emulator.setCollaboratorPermission(REPO, 'MixedCase', 'admin');
    const { data } = await fx.octokit.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo,
      username: 'mixedcase',
    });
    expect(data.permission).toBe('admin');
  });
});
