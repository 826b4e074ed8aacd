import type { GitHubClient } from './github-client.js';

/**
 * Whether `login` is an active member of the team `org/slug`, from
 * `GET /orgs/{org}/teams/{team_slug}/memberships/{username}` (needs the `members: read`
 * permission). 404 (not a member, or a team the App cannot see) is no; any other error is thrown.
 */
export async function isTeamMember(
  client: GitHubClient,
  org: string,
  slug: string,
  login: string,
): Promise<boolean> {
  try {
    const { data } = await client.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', {
      org,
      team_slug: slug,
      username: login,
    });
    return data.state === 'active';
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return false;
    throw error;
  }
}
