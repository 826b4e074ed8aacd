import type { Context } from 'probot';
import type { CommandJob } from '../../queue/command-job.js';
import type { AppIdentity } from '../app-identity.js';
import { jobBase } from './job-base.js';

// `approve:<12 chars of the incident id after inc_>`, `approve:all`, `fp:<12 chars>`: GitHub caps
// an action's identifier at 20 characters, so the buttons carry a prefix of the incident id.
const IDENTIFIER = /^(approve|fp):([A-Za-z0-9_-]{12}|all)$/;

/**
 * A button on one of rootguard's check runs ("Revoke now", "False positive"): a command job for
 * the incidents its identifier names. Other apps' check runs and identifiers we never wrote are
 * skipped.
 */
export function checkRunActionToCommandJob(
  deliveryId: string,
  payload: Context<'check_run.requested_action'>['payload'],
  identity: AppIdentity,
): CommandJob | { skip: string } {
  const run = payload.check_run;
  if (run.app?.id !== identity.appId) return { skip: "another app's check run" };
  const identifier = payload.requested_action?.identifier ?? '';
  const match = IDENTIFIER.exec(identifier);
  if (!match || (match[1] === 'fp' && match[2] === 'all'))
    return { skip: 'a check run action rootguard does not know' };
  const base = jobBase(deliveryId, payload);
  return {
    deliveryId,
    installationId: base.installationId,
    repo: `${base.owner}/${base.repo}`,
    actor: payload.sender.login,
    command: match[1] === 'approve' ? 'approve' : 'false-positive',
    source: { kind: 'check-run', checkRunId: run.id, incidentPrefix: match[2] ?? '' },
  };
}
