import type { Secret } from '../../detect/secret.js';
import type { GitHubClient } from '../../github/github-client.js';
import type { LogDownload, LogRoute } from '../../github/download-log.js';

/**
 * One piece of a place's description: our own words (plain text), a name or id from GitHub that
 * a renderer quotes (a code span in markdown), or a label with the place's page.
 */
export type PlacePiece =
  string | { readonly code: string } | { readonly label: string; readonly url: string };

/** Where the places' pages are, and the mask every text passes before it leaves. */
export interface PlaceLinkOptions {
  /** GitHub's web base (GitHub, a GHES host or the emulator), with or without a trailing `/`. */
  readonly githubUrl: string;
  /** The report's last gate (`maskReportText`), applied where each kind needs it (a path before it is encoded). */
  mask(text: string): string;
}

/** Where an occurrence was seen, as plain text for people, and its page on GitHub. */
export interface PlaceLink {
  /** Plain text (not yet escaped for markdown or Slack), already masked. */
  readonly text: string;
  /** The line, the job log or the alert; absent when GitHub has no page for it. */
  readonly url?: string;
  /** The pull request the commit was scanned for, when it was. */
  readonly pullRequestUrl?: string;
}

/** What reading a key again needs: the repository's client, and the detector's search. */
export interface ReadAgainContext {
  readonly client: GitHubClient;
  /** The key with the incident's fingerprint in `bytes`, if it is there. */
  findKey(bytes: Uint8Array): Promise<Secret | undefined>;
  /** Opens a log download (links expire: a new one is asked for when one has). */
  openLog(route: LogRoute): Promise<LogDownload>;
}

/** The key read again, or why not (`retryable` when a retry may fix it: 5xx, 429, expired links). */
export type ReadAgainAttempt =
  { readonly key: Secret } | { readonly reason: string; readonly retryable?: boolean };

/** An Actions run whose logs show the key: the playbook's purge step deletes them. */
export interface RunLogs {
  /** `owner/name`. */
  readonly repo: string;
  readonly runId: number;
}

/**
 * One kind of place a leaked key is seen (a commit line, a job log line, a GitHub alert): what
 * differs per kind, behind one interface, so a new kind is one module and one registry line
 * (`registry.ts`). Capabilities only some kinds have are optional. Every member is pure except
 * `readAgain`, which reaches GitHub only through its context.
 */
export interface OccurrenceSource<L extends { readonly kind: string; readonly repo: string }> {
  readonly kind: L['kind'];
  /**
   * The fields that identify the place, hashed into the occurrence id (`occurrenceIdFor`). Stored
   * ids depend on them: never change what a kind returns here.
   */
  identity(location: L): readonly unknown[];
  /** One line naming the place (check run findings, annotations), in pieces a renderer formats. */
  describe(location: L): readonly PlacePiece[];
  /** The place with its repository and its page on GitHub (incident issue, Slack, pull request comment). */
  link(location: L, options: PlaceLinkOptions): PlaceLink;
  /** A short plain line without the repository, for a terminal (the demo's account). */
  summary(location: L): string;
  /** The place by ids only, for reasons that are stored: paths and names may be attacker-chosen text. */
  describeByIds(location: L): string;
  /**
   * Reads the place again and looks for the key (the playbook's liveness probe: rootguard never
   * stores a found key). `undefined` when the place was read but no longer holds it. GitHub's
   * errors are thrown: the caller turns them into reasons.
   */
  readAgain(location: L, context: ReadAgainContext): Promise<ReadAgainAttempt | undefined>;
  /**
   * Which clean-up advice the check run gives for a key seen here: `commit` (rewrite the branch
   * history) or `job-log` (delete the run's logs). Absent when the place is not the developer's to
   * clean (an alert reports a key seen elsewhere).
   */
  readonly cleanUpAdvice?: 'commit' | 'job-log';
  /** The run whose logs show the key, when the place is in an Actions run's logs (purge). */
  runLogs?(location: L): RunLogs;
}
