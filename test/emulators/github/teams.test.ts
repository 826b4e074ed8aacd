import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALLATION_ID, startFixture, type EmulatorFixture } from './emulator-fixture.js';

describe('GitHub emulator: team membership', () => {
  let fx: EmulatorFixture;
  beforeAll(async () => {
    fx = await startFixture();
    fx.emulator.addTeamMember('acme', 'security', 'carol');
    fx.emulator.addTeamMember('acme', 'security', 'Dave', 'maintainer');
  });
  afterAll(async () => {
    expect(fx.emulator.violations).toEqual([]);
    await fx.emulator.close();
  });

  const membership = (org: string, team: string, user: string) =>
    fx.octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: team, username: user });

  it('answers a member with an active membership and its role, logins case-insensitive', async () => {
    expect((await membership('acme', 'security', 'carol')).data).toMatchObject({
      role: 'member',
      state: 'active',
    });
    expect((await membership('acme', 'security', 'dave')).data).toMatchObject({ role: 'maintainer' });
  });

  it("answers 404 for anyone else, another team, and another organisation's teams", async () => {
    for (const [org, team, user] of [
      ['acme', 'security', 'mallory'],
      ['acme', 'payments', 'carol'],
      ['other', 'security', 'carol'],
    ] as const)
      await expect(membership(org, team, user)).rejects.toMatchObject({ status: 404 });
  });

  it('answers 403 to an installation without members: read', async () => {
    fx.emulator.setInstallationPermissions(INSTALLATION_ID, { members: undefined });
    await expect(membership('acme', 'security', 'carol')).rejects.toMatchObject({ status: 403 });
  });
});
