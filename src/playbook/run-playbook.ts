import { resolvePolicy } from '../config/resolve-policy.js';
import type { Secret } from '../detect/secret.js';
import type { Incident } from '../incidents/incident.js';
import type { RunState } from '../incidents/run-store.js';
import type { StepRecord, TimelineEvent } from '../incidents/step-record.js';
import { cleanError } from '../queue/clean-error.js';
import type { NotifyRequest } from '../queue/notify-job.js';
import { PlaybookError, StepDeadlineError, WaitRequest } from './errors.js';
import { createPassMemo } from './pass-memo.js';
import type { PlaybookDependencies } from './playbook-dependencies.js';
import type { StepResult } from './playbook-step.js';
import { isRetryable } from './retryable.js';
import { statusAfterRun } from './status-after-run.js';
import type { StepContext } from './step-context.js';
import { readStepDetail } from './step-details.js';
import type { StepName } from './step-names.js';
import { playbookFor } from './steps/registry.js';

/**
 * The longest a step may run before the job gives its worker slot back (a call that never
 * answers, a loop): every outbound call has its own shorter timeout, so only a defect gets here.
 * The confirm step may probe for longer when the policy says so (`confirmTimeout` + a minute).
 */
export const STEP_DEADLINE_MS = 5 * 60_000;

/** How a playbook job ended this time. */
export type PlaybookRunResult =
  | { readonly kind: 'finished'; readonly run: number }
  | { readonly kind: 'idle' }
  | { readonly kind: 'wait'; readonly until: number; readonly step: StepName }
  /** The process is shutting down: stopped before `step`, every earlier step recorded. */
  | { readonly kind: 'released'; readonly step: StepName };

/** Options of one pass of the playbook over an incident. */
export interface RunPlaybookOptions {
  /** This is the job's last attempt: a step that fails now records `failed` and the run goes on. */
  readonly finalAttempt: boolean;
  /**
   * Asked before each step: true when the process is shutting down, so the run stops between
   * steps (the one running finishes and records its outcome) and the job can go back to the
   * queue for another worker. @defaultValue never
   */
  readonly stopping?: () => boolean;
}

/**
 * Runs the incident's playbook from the first step without an outcome. Each step's outcome is
 * recorded before the next starts, so a crash or retry resumes where it stopped. Starts a new run
 * when the last one finished and occurrences arrived since it reported (a key that leaks again).
 * Retryable errors are thrown for the queue to retry (after the step checkpointed what it knows);
 * a step that must wait returns `wait` without spending an attempt.
 */
export async function runPlaybook(
  deps: PlaybookDependencies,
  incidentId: string,
  options: RunPlaybookOptions,
): Promise<PlaybookRunResult> {
  const incident = await deps.incidents.get(incidentId);
  if (!incident) throw new PlaybookError('no-incident', `Incident ${incidentId} does not exist.`);
  if (incident.status === 'false-positive') return { kind: 'idle' };
  let state = await deps.runs.currentRun(incidentId);
  if (!state || (state.run.finishedAt && incident.revision > reportedRevision(state))) {
    const run = await deps.runs.startRun(incidentId, incident.revision, deps.now());
    await timeline(deps, incident, run.run, undefined, 'run-started', runStartText(run.run, incident));
    state = { run, steps: new Map() };
    // The reporters open the incident issue and Slack's first message; on their own queue, so
    // containment never waits for them.
    await handOver(deps, { incidentId, run: run.run, revision: incident.revision, trigger: 'opened' });
  } else if (state.run.finishedAt) {
    // A crash (or a queue that refused) between finishing the run and handing it over lands
    // here: hand it over again (the reporters skip what they sent already).
    await deps.notify({ incidentId, run: state.run.run, revision: reportedRevision(state) });
    return { kind: 'idle' };
  }
  const occurrences = await deps.incidents.occurrences(incidentId);
  const first = occurrences[0];
  if (!first) throw new PlaybookError('bad-state', `Incident ${incidentId} has no occurrence.`);
  const policy = resolvePolicy(deps.config, first.location.repo);
  const steps = new Map(state.steps);
  // Read again from GitHub at most once per pass (the probes of verify, contain and confirm
  // share it); it lives in this job's memory only, never in Redis.
  let leaked: Promise<Secret | undefined> | undefined;
  const once = createPassMemo();
  let prefetched = false;

  // Past the confirm step's own probing deadline, which the policy may set longer.
  const deadlineMs = deps.stepDeadlineMs ?? Math.max(STEP_DEADLINE_MS, policy.confirmTimeoutMs + 60_000);
  for (const step of playbookFor(incident.ruleId)) {
    const recorded = steps.get(step.name);
    if (recorded?.outcome) continue;
    if (options.stopping?.()) return { kind: 'released', step: step.name };
    const startedAt = recorded ? new Date(recorded.startedAt) : deps.now();
    // Checked against the step's schema: a record that fails the check resumes as a first try.
    let progress = readStepDetail(recorded, step.name) ?? {};
    let abandoned = false;
    const current = (): StepRecord<StepName> => ({
      step: step.name,
      summary: 'running',
      startedAt: startedAt.toISOString(),
      ...(Object.keys(progress).length > 0 ? { detail: progress } : {}),
    });
    if (!recorded) {
      await deps.runs.saveStep(incidentId, state.run.run, current());
      await timeline(deps, incident, state.run.run, step.name, 'step-started', `${step.name} started`);
    }
    const ctx: StepContext = {
      deps,
      incident: (await deps.incidents.get(incidentId)) ?? incident,
      occurrences,
      policy,
      run: state.run,
      steps,
      startedAt,
      progress,
      checkpoint: async (detail) => {
        // A step abandoned at its deadline may still be running: it must not write over what
        // the retry (or the failed outcome) records.
        if (abandoned) throw new StepDeadlineError(step.name, deadlineMs);
        progress = { ...progress, ...detail };
        await deps.runs.saveStep(incidentId, state.run.run, current());
      },
      leakedKey: () => {
        leaked ??= deps.readLeakedKey(occurrences, incident.fingerprint).then((read) => read.key);
        return leaked;
      },
      once,
      finalAttempt: options.finalAttempt,
    };
    if (!prefetched) {
      // The critical path's independent reads (the leaked key, the root key list, the deploy
      // targets and their public keys) start together; each step still records before the next.
      prefetched = true;
      for (const later of playbookFor(incident.ruleId))
        if (!steps.get(later.name)?.outcome) later.prefetch?.(ctx);
    }
    let result: StepResult;
    try {
      result = await withDeadline(step.run(ctx), deadlineMs, () => {
        abandoned = true;
        return new StepDeadlineError(step.name, deadlineMs);
      });
    } catch (error) {
      if (error instanceof WaitRequest) {
        const waiting: StepRecord<StepName> = {
          ...current(),
          summary: `waiting for ${error.waitingFor}`,
          waitingUntil: new Date(error.until).toISOString(),
          waitingFor: error.waitingFor,
          ...(error.instruction ? { instruction: error.instruction } : {}),
        };
        // A new wait is news for the humans (approve, or rotate by hand); waking to wait on is
        // not, unless its report was never handed over (the worker stopped in between).
        const reported = recorded?.waitingFor === error.waitingFor && recorded.waitReported === true;
        await deps.runs.saveStep(
          incidentId,
          state.run.run,
          reported ? { ...waiting, waitReported: true } : waiting,
        );
        if (!reported) {
          const handedOver = await handOver(deps, {
            incidentId,
            run: state.run.run,
            revision: ctx.incident.revision,
            trigger: 'waiting',
          });
          if (handedOver)
            await deps.runs.saveStep(incidentId, state.run.run, { ...waiting, waitReported: true });
        }
        return { kind: 'wait', until: error.until, step: step.name };
      }
      if (isRetryable(error) && !options.finalAttempt) throw error;
      const cleaned = cleanError(error);
      result = {
        outcome: 'failed',
        summary: `${step.name} failed: ${cleaned.message}`,
        instruction: `rootguard could not finish "${step.name}"; finish it by hand (see the README's playbook section) or retry the playbook.`,
        detail: { ...progress, error: cleaned.message },
      };
    }
    const finishedAt = deps.now();
    const record: StepRecord<StepName> = {
      step: step.name,
      outcome: result.outcome,
      summary: result.summary,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      ...(result.instruction ? { instruction: result.instruction } : {}),
      ...(result.detail ? { detail: result.detail } : {}),
    };
    // One transaction: a crash leaves the outcome and its timeline event, or neither.
    await deps.runs.finishStep(
      incidentId,
      state.run.run,
      record,
      timelineEvent(deps, state.run.run, step.name, `step-${result.outcome}`, result.summary),
    );
    steps.set(step.name, record);
    deps.metrics?.stepFinished(step.name, result.outcome);
  }

  const reported = readStepDetail(steps.get('report'), 'report')?.revision;
  const finished = {
    ...state.run,
    finishedAt: deps.now().toISOString(),
    ...(typeof reported === 'number' ? { reportedRevision: reported } : {}),
  };
  const status = statusAfterRun(steps, policy.mode);
  // One transaction: a run marked finished is never resumed, so its status must land with it.
  await deps.runs.finishRun(
    incidentId,
    finished,
    { status },
    timelineEvent(deps, state.run.run, undefined, 'run-finished', `run ${state.run.run} finished: ${status}`),
  );
  deps.log.info({ incident: incidentId, run: state.run.run, status }, 'playbook run finished');
  // Thrown if the queue refuses: the job is retried, finds the run finished and hands it over.
  await deps.notify({ incidentId, run: state.run.run, revision: reportedRevision({ run: finished, steps }) });
  return { kind: 'finished', run: state.run.run };
}

/**
 * Hands a progress report (a run opened, a wait) to the reporters; a queue that cannot take it
 * is logged and containment goes on (`false`: not handed over). The run's final report is handed over directly (it must
 * not be lost).
 */
async function handOver(deps: PlaybookDependencies, request: NotifyRequest): Promise<boolean> {
  try {
    await deps.notify(request);
    return true;
  } catch (error) {
    deps.log.error({ err: cleanError(error), incident: request.incidentId }, 'report not queued');
    return false;
  }
}

function reportedRevision(state: RunState): number {
  return state.run.reportedRevision ?? state.run.revision;
}

function runStartText(run: number, incident: Incident): string {
  return run === 1
    ? `playbook started for ${incident.masked}`
    : `playbook run ${run} started: ${incident.masked} was seen again`;
}

function timelineEvent(
  deps: PlaybookDependencies,
  run: number,
  step: StepName | undefined,
  event: string,
  text: string,
): TimelineEvent<StepName> {
  return { at: deps.now().toISOString(), run, ...(step ? { step } : {}), event, text };
}

async function timeline(
  deps: PlaybookDependencies,
  incident: Incident,
  run: number,
  step: StepName | undefined,
  event: string,
  text: string,
): Promise<void> {
  await deps.runs.appendTimeline(incident.id, timelineEvent(deps, run, step, event, text));
}

/**
 * `work`, or the error of `onDeadline` once `ms` have passed: a step that never settles gives the
 * worker slot back. `work` keeps running (nothing cancels a promise); its outcome is dropped.
 */
async function withDeadline<T>(work: Promise<T>, ms: number, onDeadline: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onDeadline()), ms);
  });
  work.catch(() => undefined); // settled after the deadline: nobody listens any more
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
