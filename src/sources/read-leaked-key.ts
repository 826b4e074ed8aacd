import type { Detector } from '../detect/create-detector.js';
import { recoverKey } from '../detect/recover-key.js';
import type { Secret } from '../detect/secret.js';
import { openLogDownload } from '../github/download-log.js';
import type { GitHubClient } from '../github/github-client.js';
import type { AlertLocation, CommitLocation, JobLogLocation, Occurrence } from '../incidents/occurrence.js';
import { SourceError } from './errors.js';
import { decodeUtf16 } from './decode-utf16.js';
import { isBinary } from './is-binary.js';
import {
  LOG_LINK_ATTEMPTS,
  MAX_BLOB_BYTES,
  MAX_JOB_LOG_BYTES,
  MAX_LEAKED_KEY_READS,
  SCAN_SLICE_BYTES,
} from './limits.js';
import { readCapped } from './read-capped.js';
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

/** What one occurrence gave: the key, a reason it cannot, or a failure a retry may fix. */
type Attempt = { key: Secret } | { reason: string; retryable?: boolean };

/**
 * Reads a leaked key again from where it leaked, for the playbook's liveness probe (rootguard
 * never stores a found key). Occurrences are tried newest first, at most `MAX_LEAKED_KEY_READS`:
 * a commit's file at that commit, a job's log, a secret scanning alert's secret. What was read goes
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
): Promise<Attempt> {
  const location = occurrence.location;
  const where = describe(location);
  try {
    const client = await options.clientFor(location.repo);
    const found =
      location.kind === 'commit'
        ? await readCommitFile(client, location, options.detector, fingerprint)
        : location.kind === 'job-log'
          ? await readJobLog(client, location, options, fingerprint)
          : await readAlert(client, location, options.detector, fingerprint);
    return found ?? { reason: `${where} was read but no longer holds the key` };
  } catch (error) {
    return failed(error, where);
  }
}

type Found = Attempt | undefined;

async function readCommitFile(
  client: GitHubClient,
  location: CommitLocation,
  detector: Detector,
  fingerprint: string,
): Promise<Found> {
  const [owner, repo] = splitRepo(location.repo);
  const response = await client.request('GET /repos/{owner}/{repo}/contents/{path}', {
    owner,
    repo,
    path: location.path,
    ref: location.commit,
    mediaType: { format: 'raw' },
    request: { parseSuccessResponseBody: false },
  });
  const bytes = await readCapped(
    {
      body: response.data as unknown as ReadableStream<Uint8Array> | null,
      declaredLength: response.headers['content-length'],
    },
    MAX_BLOB_BYTES,
  );
  if (bytes === undefined)
    return { reason: `${describe(location)} is larger than ${MAX_BLOB_BYTES} bytes and was not read` };
  // Read as the scan read it: a UTF-16 file decoded.
  return await keyIn(detector, (isBinary(bytes) ? decodeUtf16(bytes) : undefined) ?? bytes, fingerprint);
}

async function readJobLog(
  client: GitHubClient,
  location: JobLogLocation,
  options: ReadLeakedKeyOptions,
  fingerprint: string,
): Promise<Found> {
  // An archive entry whose job was not known cannot be fetched as a job log.
  if (location.jobId === 0)
    return {
      reason: `${describe(location)} came from the run's log archive without a job id; the archive is not read again`,
    };
  const [owner, repo] = splitRepo(location.repo);
  const download = await openLogDownload({
    client,
    route: { kind: 'job', owner, repo, jobId: location.jobId },
    attempts: LOG_LINK_ATTEMPTS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (download.status === 'gone') return { reason: `${describe(location)} is no longer available on GitHub` };
  if (download.status === 'expired')
    return {
      reason: `${describe(location)} was not read: ${download.attempts} download links in a row had expired`,
      retryable: true,
    };
  const { bytes, truncated } = await readPrefix(
    download.response.body as ReadableStream<Uint8Array>,
    MAX_JOB_LOG_BYTES,
  );
  const found = await keyIn(options.detector, bytes, fingerprint);
  if (found === undefined && truncated)
    return {
      reason: `${describe(location)} no longer holds the key in its first ${MAX_JOB_LOG_BYTES} bytes`,
    };
  return found;
}

async function readAlert(
  client: GitHubClient,
  location: AlertLocation,
  detector: Detector,
  fingerprint: string,
): Promise<Found> {
  const [owner, repo] = splitRepo(location.repo);
  const { data: alert } = await client.rest.secretScanning.getAlert({
    owner,
    repo,
    alert_number: location.alertNumber,
  });
  const secret = alert.secret;
  // The response object is the last holder of the plaintext besides the Secret: clear it.
  alert.secret = undefined;
  if (typeof secret !== 'string' || secret === '') return { reason: `${describe(location)} shows no secret` };
  return await keyIn(detector, Buffer.from(secret, 'utf8'), fingerprint);
}

/**
 * The key in `bytes` (up to a 64 MiB log), looked for in slices of `SCAN_SLICE_BYTES` with a turn
 * of the event loop between them: the playbook's job lock is renewed meanwhile.
 */
async function keyIn(detector: Detector, bytes: Uint8Array, fingerprint: string): Promise<Found> {
  for (let from = 0; from < bytes.length; from += SCAN_SLICE_BYTES) {
    if (from > 0) await yieldToEventLoop();
    const to = Math.min(bytes.length, from + SCAN_SLICE_BYTES);
    const key = recoverKey(detector, bytes, fingerprint, { from, to });
    if (key !== undefined) return { key };
  }
  return undefined;
}

/** Reads a stream up to `maxBytes`, cancelling the rest: a long log is searched in its first part. */
async function readPrefix(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    const room = maxBytes - bytes;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      // Leaving the loop cancels the download.
      return { bytes: Buffer.concat(chunks, maxBytes), truncated: true };
    }
    chunks.push(chunk);
    bytes += chunk.length;
  }
  return { bytes: Buffer.concat(chunks, bytes), truncated: false };
}

/** Why an occurrence could not be read, from the HTTP status only (messages may quote paths). */
function failed(error: unknown, where: string): Attempt {
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

/** An occurrence by ids only: paths, job names and file names may be attacker-chosen text. */
function describe(location: Occurrence['location']): string {
  const repo = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(location.repo) ? location.repo : 'the repository';
  if (location.kind === 'commit') {
    const sha = /^[0-9a-f]{7,64}$/i.test(location.commit) ? location.commit.slice(0, 12) : 'the commit';
    return `the file at line ${location.line} of commit ${sha} in ${repo}`;
  }
  if (location.kind === 'job-log')
    return `the log of job ${location.jobId} (run ${location.runId}) in ${repo}`;
  return `secret scanning alert ${location.alertNumber} in ${repo}`;
}

function splitRepo(repo: string): [string, string] {
  const at = repo.indexOf('/');
  return [repo.slice(0, at), repo.slice(at + 1)];
}
