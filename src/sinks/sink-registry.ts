import { actionsEnvironmentSecret } from './actions-environment-secret.js';
import { actionsOrgSecret } from './actions-org-secret.js';
import { actionsRepoSecret } from './actions-repo-secret.js';
import type { DeployTarget } from './deploy-target.js';
import type { Sink } from './sink.js';

/** The sinks by scope, in the order they are documented. */
export const SINKS: { readonly [S in DeployTarget['scope']]: Sink<S> } = {
  repo: actionsRepoSecret,
  environment: actionsEnvironmentSecret,
  org: actionsOrgSecret,
};

/** The sink that serves a target's scope. */
export function sinkFor(target: DeployTarget): Sink {
  // Each entry takes exactly its own scope's targets, so the lookup by `target.scope` is sound.
  return SINKS[target.scope] as Sink;
}
