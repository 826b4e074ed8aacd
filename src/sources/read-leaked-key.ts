import type { Detector } from '../detect/create-detector.js';
import { recoverKey } from '../detect/recover-key.js';
import type { Secret } from '../detect/secret.js';
import { openLogDownload } from '../github/download-log.js';
import type { GitHubClient } from '../github/github-client.js';
import type { Occurrence } from '../incidents/occurrence.js';
import { SourceError } from './errors.js';
import { LOG_LINK_ATTEMPTS, MAX_LEAKED_KEY_READS, SCAN_SLICE_BYTES } from './limits.js';
import type { ReadAgainAttempt } from './occurrences/occurrence-source.js';
import { occurrenceSourceFor } from './occurrences/registry.js';
import { yieldToEventLoop } from './scan-budget.js';

/** Where and how to read a leaked key again. */
export interface ReadLeakedKeyOptions {
  /** The installation's Octokit for a repository (`owner/name`). */
  clientFor(repo: string): Promise<GitHubClient>;
  readonly detector: Detector;
  /** The job log download's `fetch` (logs come from a blob host, not the API). @defaultValue `globalThis.fetch` */
  readonly fetch?: typeof globalThis.fetch;
}

/** An occurrence that did not give the key back, and why (names ids only, never paths or key material). */
export interface LeakedKeyAttempt {
  /** The occurrence's id. */
  readonly occurrence: string;
  readonly reason: string;
}

/** The key and the occurrence it was read from; or every occurrence tried and why each failed. */
export type ReadLeakedKeyResult =
  | { readonly key: Secret; readonly from: string }
  | { readonly key: undefined; readonly tried: readonly LeakedKeyAttempt[] };

/**
 * Reads a leaked key again from where it leaked, for the playbook's liveness probe (rootguard
 * never stores a found key). Occurrences are tried newest first, at most `MAX_LEAKED_KEY_READS`,
 * each read as its kind's `readAgain` says (a commit's file at that commit, a job's log, a secret
 * scanning alert's secret). What was read goes
 * straight through the detector and only the key with `fingerprint` is kept, as a `Secret`. A file
 * or log that is gone moves on to the next occurrence. When none gives the key back and one failed
 * in a way a retry may fix (5xx, 429, network), a `SourceError` is thrown so the job retries.
 */
export async function readLeakedKey(
  options: ReadLeakedKeyOptions,
  occurrences: readonly Occurrence[],
  fingerprint: string,
): Promise<ReadLeakedKeyResult> {
  const clients = new Map<string, Promise<GitHubClient>>();
  const clientFor = (repo: string) => {
    let client = clients.get(repo);
    if (client === undefined) clients.set(repo, (client = options.clientFor(repo)));
    return client;
  };
  const tried: LeakedKeyAttempt[] = [];
  let retryable = false;
  for (const [i, occurrence] of newestFirst(occurrences).entries()) {
    if (i >= MAX_LEAKED_KEY_READS) {
      tried.push({
        occurrence: occurrence.id,
        reason: `not tried: at most ${MAX_LEAKED_KEY_READS} occurrences are read`,
      });
      continue;
    }
    const attempt = await readOne({ ...options, clientFor }, occurrence, fingerprint);
    if ('key' in attempt) return { key: attempt.key, from: occurrence.id };
    retryable ||= attempt.retryable === true;
    tried.push({ occurrence: occurrence.id, reason: attempt.reason });
  }
  if (retryable)
    throw new SourceError(
      'leaked-key-unreadable',
      `the leaked key could not be read again: ${tried.map((t) => `${t.occurrence}: ${t.reason}`).join('; ')}`,
    );
  return { key: undefined, tried };
}

/** Latest exposure first; occurrences with an unreadable time last, in their order. */
function newestFirst(occurrences: readonly Occurrence[]): Occurrence[] {
  const time = (o: Occurrence) => {
    const t = Date.parse(o.exposedAt);
    return Number.isNaN(t) ? -Infinity : t;
  };
  return [...occurrences].sort((a, b) => time(b) - time(a));
}

async function readOne(
  options: ReadLeakedKeyOptions,
  occurrence: Occurrence,
  fingerprint: string,
): Promise<ReadAgainAttempt> {
  const location = occurrence.location;
  const source = occurrenceSourceFor(location);
  const where = source.describeByIds(location);
  try {
    const client = await options.clientFor(location.repo);
    const found = await source.readAgain(location, {
      client,
      findKey: (bytes) => keyIn(options.detector, bytes, fingerprint),
      openLog: (route) =>
        openLogDownload({
          client,
          route,
          attempts: LOG_LINK_ATTEMPTS,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
    });
    return found ?? { reason: `${where} was read but no longer holds the key` };
  } catch (error) {
    return failed(error, where);
  }
}

/**
 * The key in `bytes` (up to a 64 MiB log), looked for in slices of `SCAN_SLICE_BYTES` with a turn
 * of the event loop between them: the playbook's job lock is renewed meanwhile.
 */
async function keyIn(
  detector: Detector,
  bytes: Uint8Array,
  fingerprint: string,
): Promise<Secret | undefined> {
  for (let from = 0; from < bytes.length; from += SCAN_SLICE_BYTES) {
    if (from > 0) await yieldToEventLoop();
    const to = Math.min(bytes.length, from + SCAN_SLICE_BYTES);
    const key = recoverKey(detector, bytes, fingerprint, { from, to });
    if (key !== undefined) return key;
  }
  return undefined;
}

/** Why an occurrence could not be read, from the HTTP status only (messages may quote paths). */
function failed(error: unknown, where: string): ReadAgainAttempt {
  const status = (error as { status?: unknown }).status;
  if (status === 404 || status === 410)
    return { reason: `${where} is no longer on GitHub (deleted, force-pushed away, or past retention)` };
  if (status === 401 || status === 403)
    return { reason: `${where} cannot be read: GitHub answered ${status} (rootguard lacks access)` };
  if (typeof status === 'number' && status !== 429 && status < 500)
    return { reason: `${where} cannot be read: GitHub answered ${status}` };
  return {
    reason: `${where} could not be read: ${typeof status === 'number' ? `GitHub answered ${status}` : 'the request failed'}`,
    retryable: true,
  };
}
