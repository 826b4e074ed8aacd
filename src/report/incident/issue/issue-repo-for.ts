import type { NotifyConfig } from '../../../config/operator-config.js';
import type { IncidentReport } from '../incident-report.js';

/**
 * Where an incident's issue goes: the repository where the key leaked, unless that repository is
 * public, then the operator's security repository (`notify.issueRepo`). A public leak without a
 * security repository gets no issue: it would tell everyone where a live key is.
 */
export function issueRepoFor(
  report: IncidentReport,
  notify: NotifyConfig,
): { readonly repo: string } | { readonly none: string } {
  const leaking = report.occurrences[0]?.location.repo;
  if (report.incident.anyPublic) {
    if (notify.issueRepo) return { repo: notify.issueRepo };
    return {
      none: 'the key leaked in a public repository and notify.issueRepo is not set, so no issue was opened (an issue there would point everyone at the key)',
    };
  }
  if (!leaking) return { none: 'the incident has no occurrence' };
  return { repo: leaking };
}
