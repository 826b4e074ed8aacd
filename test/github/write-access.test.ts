import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasWriteAccess } from '../../src/github/write-access.js';
import { githubApi, testClient } from './octokit.js';

const REPO = { owner: 'acme', repo: 'api' };
const PATH = '/repos/acme/api/collaborators/octocat/permission';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** Asks for octocat's access when GitHub answers `permission` and, when given, `role_name`. */
async function accessFor(permission: string, roleName?: string) {
  const { scope } = githubApi();
  scope
    .get(PATH)
    .reply(200, { permission, ...(roleName ? { role_name: roleName } : {}), user: { login: 'octocat' } });
  return hasWriteAccess(testClient(), REPO, 'octocat');
}

describe('hasWriteAccess', () => {
  it('allows admin, maintain and write, and names the role', async () => {
    expect(await accessFor('admin', 'admin')).toEqual({ allowed: true, permission: 'admin' });
    expect(await accessFor('write', 'maintain')).toEqual({ allowed: true, permission: 'maintain' });
    expect(await accessFor('write')).toEqual({ allowed: true, permission: 'write' });
  });

  it('refuses triage, read and none', async () => {
    expect(await accessFor('read', 'triage')).toEqual({ allowed: false, permission: 'triage' });
    expect(await accessFor('read', 'read')).toEqual({ allowed: false, permission: 'read' });
    expect(await accessFor('none')).toEqual({ allowed: false, permission: 'none' });
  });

  it('counts a custom role by its base permission', async () => {
    expect(await accessFor('write', 'security-responder')).toEqual({
      allowed: true,
      permission: 'security-responder',
    });
    expect(await accessFor('read', 'auditor')).toEqual({ allowed: false, permission: 'auditor' });
  });

  it('gives an unknown user no access, and throws other failures for a retry', async () => {
    const { scope } = githubApi();
    scope.get(PATH).reply(404, { message: 'Not Found' });
    expect(await hasWriteAccess(testClient(), REPO, 'octocat')).toEqual({
      allowed: false,
      permission: 'none',
    });
    scope.get(PATH).reply(502, { message: 'Bad Gateway' });
    await expect(hasWriteAccess(testClient(), REPO, 'octocat')).rejects.toMatchObject({ status: 502 });
  });
});
