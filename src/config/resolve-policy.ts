import type { OperatorConfig, PolicyRule, ResolvedPolicy } from './operator-config.js';
import { repoMatcher } from './repo-matcher.js';

const matchers = new WeakMap<PolicyRule, (repo: string) => boolean>();

/** A rule's matcher, compiled once: an organisation name alone means every repository of it. */
function matcherOf(rule: PolicyRule): (repo: string) => boolean {
  let matcher = matchers.get(rule);
  if (matcher === undefined) {
    matcher = repoMatcher(rule.match);
    matchers.set(rule, matcher);
  }
  return matcher;
}

/**
 * The policy for one repository (`owner/name`): the config's policy, then each rule that matches
 * the repository, in order, each replacing the fields it sets.
 */
export function resolvePolicy(config: OperatorConfig, repo: string): ResolvedPolicy {
  const { rules, ...base } = config.policy;
  let policy: ResolvedPolicy = { ...base };
  for (const rule of rules) {
    if (!matcherOf(rule)(repo)) continue;
    const { match: _, ...fields } = rule;
    policy = { ...policy, ...fields };
  }
  return policy;
}
