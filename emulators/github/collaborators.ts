// A user's permission on a repository (GET …/collaborators/{username}/permission), as GitHub
// answers it: `permission` is the legacy level, `role_name` the fine-grained role.
import { simpleUser, type Obj } from './github-objects.js';
import { ok } from './http-reply.js';
import { requirePermission } from './installations.js';
import type { CollaboratorRole } from './emulator-records.js';
import type { EmulatorState, Handler } from './emulator-state.js';

/** The legacy `permission` GitHub reports for each role (maintain → write, triage → read). */
export const LEGACY_PERMISSION: Record<CollaboratorRole, 'admin' | 'write' | 'read' | 'none'> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

const ROLE_ORDER: readonly CollaboratorRole[] = ['none', 'read', 'triage', 'write', 'maintain', 'admin'];

/** The role of `login` on a repository; a login no test set reads a public repository, nothing else. */
export function collaboratorRole(
  state: EmulatorState,
  repo: { fullName: string; private: boolean },
  login: string,
): CollaboratorRole {
  const set = state.collaborators.get(repo.fullName.toLowerCase())?.get(login.toLowerCase());
  return set ?? (repo.private ? 'none' : 'read');
}

/** `collaborator` with its `permissions` flags (each role includes the ones below it). */
function collaboratorObject(state: EmulatorState, login: string, role: CollaboratorRole): Obj {
  const rank = ROLE_ORDER.indexOf(role);
  const has = (r: CollaboratorRole) => rank >= ROLE_ORDER.indexOf(r);
  return {
    ...simpleUser(state.urls, login, state.userId(login)),
    permissions: {
      admin: has('admin'),
      maintain: has('maintain'),
      push: has('write'),
      triage: has('triage'),
      pull: has('read'),
    },
    role_name: role,
  };
}

/** Routes by operationId. */
export const collaboratorRoutes: Record<string, Handler> = {
  'repos/get-collaborator-permission-level': (ctx) => {
    const repo = ctx.state.repoFor(ctx);
    requirePermission(ctx.state, ctx.installationId, 'metadata', 'read');
    const login = ctx.params['username']!;
    const role = collaboratorRole(
      ctx.state,
      { fullName: `${repo.facts.owner}/${repo.facts.name}`, private: repo.facts.private },
      login,
    );
    return ok({
      permission: LEGACY_PERMISSION[role],
      role_name: role,
      user: collaboratorObject(ctx.state, login, role),
    });
  },
};
