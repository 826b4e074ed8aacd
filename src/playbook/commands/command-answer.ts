import type { IncidentStatus } from '../../incidents/incident.js';
import type { StepName } from '../step-names.js';

// The answer to a `/rootguard` command as data: the commands decide it, `src/report/command-answer/`
// renders and posts it (the command worker is given the posting function).

/** An issue to answer on: `owner/name` and its number. */
export interface IssueTarget {
  readonly repo: string;
  readonly number: number;
}

/** The commands that act on an incident (`help` only answers). */
export type IncidentCommand = 'approve' | 'false-positive' | 'retry';

/** The incident an answer is about: its id and masked key. */
export interface AnsweredIncident {
  readonly id: string;
  readonly masked: string;
}

/** What rootguard answers to a command: what it did, or why it did nothing. */
export type CommandAnswer =
  | { readonly kind: 'help' }
  | { readonly kind: 'not-an-incident'; readonly command: IncidentCommand }
  | {
      readonly kind: 'no-permission';
      readonly command: IncidentCommand;
      /**
       * A repository (`owner/name`) where the key was seen, or the command's, that the sender
       * lacks write access to; only one the sender may see named (the command's, or public).
       */
      readonly repo?: string;
      /** The sender's permission on `repo`. */
      readonly permission?: string;
      /** Private repositories where the key was seen that the sender lacks write access to, unnamed. */
      readonly unnamed?: number;
    }
  | { readonly kind: 'approved'; readonly incident: AnsweredIncident }
  | {
      readonly kind: 'not-awaiting-approval';
      readonly incident: AnsweredIncident;
      readonly status: IncidentStatus;
    }
  | {
      readonly kind: 'already-approved';
      readonly incident: AnsweredIncident;
      readonly by: string;
      readonly at: string;
    }
  | { readonly kind: 'false-positive-marked'; readonly incident: AnsweredIncident }
  | { readonly kind: 'already-false-positive'; readonly incident: AnsweredIncident; readonly by?: string }
  | { readonly kind: 'false-positive-refused'; readonly incident: AnsweredIncident; readonly run: number }
  | {
      readonly kind: 'retrying';
      readonly incident: AnsweredIncident;
      /** The steps that run again, in order. */
      readonly steps: readonly StepName[];
    }
  | { readonly kind: 'nothing-to-retry'; readonly incident: AnsweredIncident; readonly run?: number }
  | { readonly kind: 'retry-busy'; readonly incident: AnsweredIncident }
  | { readonly kind: 'retry-false-positive'; readonly incident: AnsweredIncident };

/** The answers that report something done (the others say why nothing was). */
export const DONE_ANSWERS: ReadonlySet<CommandAnswer['kind']> = new Set([
  'help',
  'approved',
  'false-positive-marked',
  'retrying',
]);
