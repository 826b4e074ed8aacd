import type { Incident } from '../../incidents/incident.js';
import type { Occurrence } from '../../incidents/occurrence.js';
import type { PlaybookRun } from '../../incidents/incident.js';
import type { StepRecord, TimelineEvent } from '../../incidents/step-record.js';

/** What the reporters left on GitHub and Slack, as the emulators received it. */
export interface DemoReports {
  readonly issue: {
    readonly number: number;
    readonly title: string;
    readonly body: string;
    readonly labels: readonly string[];
  } | null;
  readonly pullRequestComments: readonly string[];
  readonly checkRun: {
    readonly conclusion: string | null;
    readonly title: string | null;
    readonly summary: string | null;
  } | null;
  /** Each Slack message, oldest first: its plain-text fallback and its blocks laid out as text. */
  readonly slack: readonly { readonly text: string; readonly blocks: string }[];
}

/** The demo's whole account: the incident record and the reports. Holds no key. */
export interface DemoResult {
  readonly mode: 'automatic' | 'assisted';
  readonly repo: string;
  readonly pullRequest: number;
  readonly commit: string;
  readonly slackChannel: string;
  readonly incident: Incident;
  readonly occurrences: readonly Occurrence[];
  readonly run: { readonly run: PlaybookRun; readonly steps: readonly StepRecord[] };
  readonly timeline: readonly TimelineEvent[];
  readonly reports: DemoReports;
  /** The assisted path: what the demo's stand-in for a human did. */
  readonly human?: { readonly rotatedKeyId: string; readonly delivered: StepRecord };
}
