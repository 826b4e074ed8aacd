import type { RuleId } from '../../detect/finding.js';
import { codeSpan } from '../markdown/markdown.js';
import { isRootKeyRule } from '../markdown/rule-label.js';

/** Where the key was seen, which decides how to remove it. */
export type ExposurePlace = 'commit' | 'job-log';

/**
 * What a developer should do about a leaked key, as markdown list items. The same words on the
 * check run, the review comment and the review body, so people meet one instruction everywhere.
 */
export function keyAdvice(
  ruleId: RuleId,
  incidentId?: string,
  places: ReadonlySet<ExposurePlace> = new Set(['commit']),
): string[] {
  const incident = incidentId === undefined ? '' : ` (incident ${codeSpan(incidentId)})`;
  const containment = isRootKeyRule(ruleId)
    ? `rootguard has queued its containment${incident}: revoke it, issue a replacement with the same permissions and put that into the deployment secrets that held it.`
    : `rootguard has recorded the leak${incident}; revoke or reroll this API key in Unkey.`;
  return [
    '**Treat the key as compromised**: anyone who could read this branch may have copied it.',
    containment,
    ...(places.has('commit')
      ? [
          '**Remove it from the branch history** (rewrite the commits that hold it, then force-push): a later commit that deletes the line leaves the key in history.',
        ]
      : []),
    ...(places.has('job-log')
      ? [
          "**Delete the workflow run's logs** (the run's menu, *Delete all logs*) and stop the step from printing the key: anyone who can read the repository can download them.",
        ]
      : []),
    '**Never paste the replacement key** into code, comments, issues or logs: keep it in a secret store.',
  ];
}
