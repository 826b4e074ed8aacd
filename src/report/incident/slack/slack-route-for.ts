import type { SlackRouteConfig } from '../../../config/operator-config.js';
import { repoMatcher } from '../../../config/repo-matcher.js';

/**
 * The first `notify.slack` route whose `match` (an organisation, or an `owner/repo` glob) takes
 * the repository, like `policy.rules`; with its index, to name it in messages.
 */
export function slackRouteFor(
  routes: readonly SlackRouteConfig[] | undefined,
  repo: string,
): { readonly route: SlackRouteConfig; readonly index: number } | undefined {
  for (const [index, route] of (routes ?? []).entries())
    if (repoMatcher(route.match)(repo)) return { route, index };
  return undefined;
}
