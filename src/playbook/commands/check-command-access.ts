import { repoRefOf } from '../../github/github-client.js';
import { isTeamMember } from '../../github/team-membership.js';
import { hasWriteAccess } from '../../github/write-access.js';
import type { Incident } from '../../incidents/incident.js';
import type { CommandJob } from '../../queue/command-job.js';
import type { CommandDependencies } from './command-dependencies.js';

/** Whether a user may act on some incidents, and why not when they may not. */
export type CommandAccess =
  | { readonly allowed: true; readonly via: 'write-access' | 'responder-team' }
  | {
      readonly allowed: false;
      /** The first repository lacking write access that may be named to this user. */
      readonly named?: { readonly repo: string; readonly permission: string };
      /** Repositories lacking write access that are not named: private, and not the command's. */
      readonly unnamed: number;
    };

/**
 * A command acts only on what its sender may change. An incident's key is allowed, revoked or
 * retried for every repository where it was seen, so the sender needs write access to each of
 * them (and to the repository of the command), or membership of a team the operator lists in
 * `commands.responderTeams`. A refusal names a repository only when the sender may see it named:
 * the command's own repository or a public one; private others are only counted, as the answer
 * is a comment that others may read.
 */
export async function checkCommandAccess(
  deps: Pick<CommandDependencies, 'incidents' | 'auth' | 'clientFor' | 'log' | 'responderTeams'>,
  job: Pick<CommandJob, 'repo' | 'actor' | 'installationId'>,
  incidents: readonly Incident[],
): Promise<CommandAccess> {
  for (const team of deps.responderTeams ?? []) {
    const [org, slug] = team.split('/') as [string, string];
    const member = await deps
      .clientFor(org)
      .then((client) => isTeamMember(client, org, slug, job.actor))
      .catch((error: unknown) => {
        // Fail closed: an unreadable team grants nothing; write access may still allow.
        deps.log.warn({ err: error, team }, 'could not read a responder team; it grants nothing');
        return false;
      });
    if (member) return { allowed: true, via: 'responder-team' };
  }
  // Repository → whether it may be named in the answer.
  const repos = new Map<string, boolean>([[job.repo, true]]);
  for (const incident of incidents)
    for (const occurrence of await deps.incidents.occurrences(incident.id)) {
      const repo = occurrence.location.repo;
      repos.set(repo, (repos.get(repo) ?? false) || occurrence.repoPublic);
    }
  let named: { repo: string; permission: string } | undefined;
  let unnamed = 0;
  for (const [repo, nameable] of repos) {
    const client = repo === job.repo ? await deps.auth(job.installationId) : await deps.clientFor(repo);
    const access = await hasWriteAccess(client, repoRefOf(repo), job.actor);
    if (access.allowed) continue;
    if (nameable && named === undefined) named = { repo, permission: access.permission };
    else if (!nameable) unnamed++;
  }
  if (named === undefined && unnamed === 0) return { allowed: true, via: 'write-access' };
  return { allowed: false, ...(named ? { named } : {}), unnamed };
}
