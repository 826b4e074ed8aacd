import type { ApplicationFunction, Context, Probot } from 'probot';
import type { CommandJob } from '../queue/command-job.js';
import type { ScanJob } from '../queue/scan-job.js';
import type { AppIdentity } from './app-identity.js';
import { WebhookInputError } from './errors.js';
import { checkEventName, checkPayload } from './payload-schema.js';
import { checkRunActionToCommandJob } from './events/check-run-action.js';
import { installationRepositoriesToScanJobs, installationToScanJobs } from './events/installation.js';
import { issueCommentToCommandJob } from './events/issue-comment.js';
import { pullRequestToScanJob } from './events/pull-request.js';
import { pushToScanJob } from './events/push.js';
import { checkRunRerequestToScanJob, checkSuiteRerequestToScanJob } from './events/rerequest.js';
import { secretScanningAlertToScanJob } from './events/secret-scanning-alert.js';
import { workflowJobToScanJob, workflowRunToScanJob } from './events/workflow.js';

/** What the webhook handlers need from the outside. */
export interface AppDependencies {
  /**
   * Puts a scan on the queue (jobId = delivery id). Throws `QueueUnavailableError` (status 503)
   * when Redis cannot take it, so GitHub shows the delivery as failed and it can be redelivered.
   */
  readonly enqueueScan: (job: ScanJob) => Promise<void>;
  /**
   * Puts the scans one delivery asks for on the queue (a repository's history scan: one job per
   * repository), all or none once per delivery id; fails as `enqueueScan` does.
   */
  readonly enqueueScans: (deliveryId: string, jobs: readonly ScanJob[]) => Promise<void>;
  /** Puts a command on its queue (jobId = delivery id); fails as `enqueueScan` does. */
  readonly enqueueCommand: (job: CommandJob) => Promise<void>;
  readonly identity: AppIdentity;
}

type Mapped<T> = T | { skip: string };

/**
 * Checks the fields an event's mapping reads, then runs the mapping; a payload that lacks them or
 * has them of the wrong type (a malformed or forged webhook) becomes a `WebhookInputError` (400)
 * naming the field, not a crash or a 500. Internal error text never reaches the answer.
 */
function mapEvent<T extends object>(event: string, payload: unknown, map: () => Mapped<T>): Mapped<T> {
  checkPayload(event, payload);
  try {
    return map();
  } catch (error) {
    if (error instanceof WebhookInputError) throw error;
    throw new WebhookInputError(`the ${event} payload is malformed.`);
  }
}

/**
 * The Probot app: each handler turns its event into a scan or command job (ids only), enqueues
 * it and returns. No API call, no scan: the HTTP answer does not depend on the size of the push.
 */
export function createRootguardApp(deps: AppDependencies): ApplicationFunction {
  return (app: Probot) => {
    const enqueue = async (context: Context, map: () => Mapped<ScanJob>) => {
      const mapped = mapEvent(context.name, context.payload, map);
      if ('skip' in mapped) {
        context.log.debug({ event: context.name, delivery: context.id, reason: mapped.skip }, 'not scanned');
        return;
      }
      await deps.enqueueScan(mapped);
      context.log.info({ event: context.name, delivery: context.id, kind: mapped.kind }, 'scan queued');
    };
    const enqueueMany = async (context: Context, map: () => Mapped<ScanJob[]>) => {
      const mapped = mapEvent(context.name, context.payload, map);
      if ('skip' in mapped) {
        context.log.debug({ event: context.name, delivery: context.id, reason: mapped.skip }, 'not scanned');
        return;
      }
      await deps.enqueueScans(context.id, mapped);
      context.log.info(
        {
          event: context.name,
          delivery: context.id,
          kind: 'repository_history',
          repositories: mapped.length,
        },
        'history scans queued',
      );
    };
    const command = async (context: Context, map: () => Mapped<CommandJob>) => {
      const mapped = mapEvent(context.name, context.payload, map);
      if ('skip' in mapped) {
        context.log.debug({ event: context.name, delivery: context.id, reason: mapped.skip }, 'no command');
        return;
      }
      await deps.enqueueCommand(mapped);
      context.log.info(
        { event: context.name, delivery: context.id, command: mapped.command, actor: mapped.actor },
        'command queued',
      );
    };
    const { identity } = deps;
    // Runs beside the handlers below: an event or action GitHub never sends is answered 400.
    app.onAny(async (c) => checkEventName(c.name, c.payload));
    app.on('push', (c) => enqueue(c, () => pushToScanJob(c.id, c.payload, identity)));
    app.on(['pull_request.opened', 'pull_request.reopened', 'pull_request.synchronize'], (c) =>
      enqueue(c, () => pullRequestToScanJob(c.id, c.payload, identity)),
    );
    app.on('workflow_job.completed', (c) => enqueue(c, () => workflowJobToScanJob(c.id, c.payload)));
    app.on('workflow_run.completed', (c) => enqueue(c, () => workflowRunToScanJob(c.id, c.payload)));
    app.on('check_run.rerequested', (c) =>
      enqueue(c, () => checkRunRerequestToScanJob(c.id, c.payload, identity)),
    );
    app.on('check_suite.rerequested', (c) =>
      enqueue(c, () => checkSuiteRerequestToScanJob(c.id, c.payload, identity)),
    );
    app.on('secret_scanning_alert.created', (c) =>
      enqueue(c, () => secretScanningAlertToScanJob(c.id, c.payload)),
    );
    app.on('installation.created', (c) => enqueueMany(c, () => installationToScanJobs(c.id, c.payload)));
    app.on('installation_repositories.added', (c) =>
      enqueueMany(c, () => installationRepositoriesToScanJobs(c.id, c.payload)),
    );
    app.on('issue_comment.created', (c) =>
      command(c, () => issueCommentToCommandJob(c.id, c.payload, identity)),
    );
    app.on('check_run.requested_action', (c) =>
      command(c, () => checkRunActionToCommandJob(c.id, c.payload, identity)),
    );
  };
}
