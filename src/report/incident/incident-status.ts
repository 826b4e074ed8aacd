import type { FoundBy } from '../../incidents/occurrence.js';
import type { ReporterName } from './reporter-names.js';
import { currentStep, humanTasks, keyIdentity, stepRecord } from './incident-facts.js';
import type { IncidentReport } from './incident-report.js';
import { maskReportText } from '../markdown/mask-report-text.js';
import { ruleLabel } from '../markdown/rule-label.js';

/**
 * Where an incident stands, as plain text (each renderer escapes it for its format): a word or
 * two (`Contained`, `Awaiting approval`…) and one or two sentences.
 */
export interface IncidentStatusLine {
  readonly label: string;
  readonly sentence: string;
}

/** The event a `/rootguard false-positive` command appends to the timeline (its text names who). */
export const FALSE_POSITIVE_EVENT = 'false-positive';

/**
 * The status line of an incident: contained (and how fast), awaiting approval (who can approve
 * and how), needs a human (how many tasks), dry run, false positive (by whom), or in progress
 * (which step runs or waits, and for what). Masked.
 */
export function incidentStatusLine(report: IncidentReport): IncidentStatusLine {
  const line = statusLine(report);
  return { label: line.label, sentence: maskReportText(line.sentence) };
}

function statusLine(report: IncidentReport): IncidentStatusLine {
  const { incident } = report;
  const alreadyDead = stepRecord(report, 'verify')?.detail?.['liveness'] === 'dead';
  switch (incident.status) {
    case 'contained': {
      const approved = incident.approvedBy ? ` Containment was approved by ${incident.approvedBy}.` : '';
      if (alreadyDead)
        return {
          label: 'Contained',
          sentence: `the key was already revoked by someone else before rootguard acted.${approved}`,
        };
      return { label: 'Contained', sentence: `${containedSentence(report)}${approved}` };
    }
    case 'awaiting-approval':
      return {
        label: 'Awaiting approval',
        sentence:
          'the key is still live; the policy holds containment until a user with write access approves it: ' +
          'comment `/rootguard approve` on the incident issue, or press "Revoke now" on the check run.',
      };
    case 'needs-human': {
      const tasks = humanTasks(report);
      const revoked = alreadyDead || stepRecord(report, 'confirm')?.outcome === 'done';
      const state = alreadyDead
        ? 'the key was revoked by someone else before rootguard acted, but'
        : revoked
          ? 'the key is revoked, but'
          : 'the key may still be live:';
      const waiting = currentStep(report);
      if (waiting?.waitingFor)
        return {
          label: 'Needs a human',
          sentence: `${state} step ${waiting.step} is waiting for ${waiting.waitingFor}.`,
        };
      // A human's hand-over (`rootguard deliver`, a retry) is running that step again.
      if (waiting)
        return { label: 'Needs a human', sentence: `${state} step ${waiting.step} is running again.` };
      return {
        label: 'Needs a human',
        sentence:
          tasks.length > 0
            ? `${state} ${tasks.length === 1 ? 'one step is' : `${tasks.length} steps are`} left for a human (${tasks.map((t) => t.step).join(', ')}).`
            : `${state} rootguard could not confirm that the key is dead.`,
      };
    }
    case 'dry-run':
      return {
        label: 'Dry run',
        sentence: `rootguard read and reported what it would do, and changed nothing: the key was not revoked${alreadyDead ? ' by rootguard (it was already dead)' : ''}.`,
      };
    case 'false-positive': {
      const closed = [...report.timeline].reverse().find((e) => e.event === FALSE_POSITIVE_EVENT);
      return {
        label: 'False positive',
        sentence: `closed as not a leaked key${closed ? ` (${closed.text.replace(/[.\s]+$/, '')})` : ''}; the key is allowed by its fingerprint.`,
      };
    }
    case 'open':
      return { label: 'In progress', sentence: progressSentence(report) };
  }
}

/**
 * The three clocks in words, each named for what it measures: "revoked" only for the revocation
 * itself, never for the probe that confirmed it.
 */
function containedSentence(report: IncidentReport): string {
  const { incident } = report;
  const after = (ms: number) => `${formatDuration(ms)} after ${arrivalWords(report)} reached rootguard`;
  const parts: string[] = [];
  if (incident.timeToRevokeMs !== undefined)
    parts.push(`the key was revoked ${after(incident.timeToRevokeMs)}`);
  else parts.push('the key is revoked');
  if (incident.timeToDeployedMs !== undefined)
    parts.push(`every deploy target held its replacement at ${formatDuration(incident.timeToDeployedMs)}`);
  if (incident.timeToContainMs !== undefined)
    parts.push(
      `a probe confirmed Unkey rejects it ${incident.timeToRevokeMs !== undefined ? `at ${formatDuration(incident.timeToContainMs)}` : after(incident.timeToContainMs)}`,
    );
  else if (incident.containedAt)
    parts.push(`a probe confirmed it dead at ${formatUtcTime(incident.containedAt)} UTC`);
  return `${parts.join('; ')}.`;
}

function progressSentence(report: IncidentReport): string {
  if (!report.run) return 'found; the playbook has not started yet.';
  const step = currentStep(report);
  if (!step) return `playbook run ${report.run.run.run} is between steps.`;
  if (step.waitingFor)
    return `step ${step.step} is waiting for ${step.waitingFor}${step.waitingUntil ? ` (looks again at ${formatUtcTime(step.waitingUntil)} UTC)` : ''}.`;
  return `step ${step.step} is running.`;
}

/** What reached rootguard first, for "… after the push reached rootguard". */
function arrivalWords(report: IncidentReport): string {
  const first = [...report.occurrences]
    .filter((o) => o.receivedAt !== undefined)
    .sort((a, b) => (a.receivedAt as string).localeCompare(b.receivedAt as string))[0];
  return first ? FOUND_BY_WORDS[first.foundBy] : 'the first report of it';
}

/** How an occurrence came to rootguard, in words. */
export const FOUND_BY_WORDS: Readonly<Record<FoundBy, string>> = {
  push: 'the push',
  pull_request: 'the pull request',
  workflow_job: 'the job log',
  workflow_run: 'the workflow run',
  rescan: 'the rescan',
  secret_scanning_alert: "GitHub's secret scanning alert",
  repository_history: 'the history scan when rootguard was given the repository',
};

/** A reporter's name for people. */
export const REPORTER_LABELS: Readonly<Record<ReporterName, string>> = {
  issue: 'incident issue',
  'pull-request': 'pull request comment',
  'check-run': 'check run',
  slack: 'Slack message',
};

/** The leaked key's name for titles: Unkey's or the inventory's name, else its id; absent if neither is known. */
export function keyDisplayName(report: IncidentReport): string | undefined {
  const { keyId, name } = keyIdentity(report);
  return name ?? keyId;
}

/** `Unkey root key unkey_3Z…abcd ("deploy-bot")`: the rule's label, the mask and the key's name. */
export function describeLeakedKey(report: IncidentReport): string {
  const { keyId, name } = keyIdentity(report);
  const which = name ? ` ("${name}")` : keyId ? ` (${keyId})` : '';
  return maskReportText(`${ruleLabel(report.incident.ruleId)} ${report.incident.masked}${which}`);
}

/** A duration for people: `850 ms`, `1.2 s`, `4 min 5 s`, `3 h 20 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `HH:MM:SS` in UTC. */
export function formatUtcTime(iso: string): string {
  return new Date(iso).toISOString().slice(11, 19);
}

/** `YYYY-MM-DD HH:MM:SS` in UTC. */
export function formatUtcDateTime(iso: string): string {
  const text = new Date(iso).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 19)}`;
}
