import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { GitHubClient } from '../../github/github-client.js';
import type { IncidentStore } from '../../incidents/incident-store.js';
import type { ReportStore } from '../../incidents/report-store.js';
import type { RunStore } from '../../incidents/run-store.js';
import type { NotifyRequest } from '../../queue/notify-job.js';
import type { PlaybookJob } from '../../queue/playbook-job.js';
import type { CommandAnswer, IssueTarget } from './command-answer.js';
import type { StepName } from '../step-names.js';

/** The outside world of the command worker, injected (tests pass their own). */
export interface CommandDependencies {
  readonly incidents: IncidentStore;
  readonly runs: RunStore<StepName>;
  /** Finds the incident of an issue or a check run, and an incident's issue. */
  readonly reports: ReportStore;
  /** The playbook queue: approvals, retries and false positives wake the incident's job. */
  readonly playbookQueue: Queue<PlaybookJob>;
  /** The installation client of the command's repository (`probot.auth(installationId)`). */
  auth(installationId: number): Promise<GitHubClient>;
  /** A client for another repository (an incident issue in the operator's security repository). */
  clientFor(ownerOrRepo: string): Promise<GitHubClient>;
  /**
   * Hands the incident's new state to the reporters, with `trigger` `approved`,
   * `false-positive` or `retry`.
   */
  notify(request: NotifyRequest): Promise<void>;
  /**
   * Posts an answer as a comment on the issue, through `client` (the reporters' rendering:
   * `postCommandAnswer` in `src/report/command-answer/`, wired in by the CLI).
   */
  postAnswer(client: GitHubClient, issue: IssueTarget, actor: string, answer: CommandAnswer): Promise<void>;
  readonly log: Logger;
  /**
   * Teams (`org/team-slug`) whose members may run commands on any incident
   * (`commands.responderTeams` in the operator config). @defaultValue []
   */
  readonly responderTeams?: readonly string[];
  /** @defaultValue `() => new Date()` */
  readonly now: () => Date;
}

/** What `markFalsePositive` and `retryIncident` write to. */
export interface CommandStores {
  readonly incidents: IncidentStore;
  readonly runs: RunStore<StepName>;
}
