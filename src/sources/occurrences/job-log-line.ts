import { repoRefOf } from '../../github/github-client.js';
import { MAX_JOB_LOG_BYTES } from '../limits.js';
import { repositoryPage } from './github-page.js';
import type { OccurrenceSource } from './occurrence-source.js';
import type { PlaceName } from './place-name.js';
import { readPrefix } from './read-prefix.js';
import { repoByIds } from './repo-by-ids.js';

/** A line of a GitHub Actions job's log (or of a file in the run's log archive, `archiveEntry`). */
export interface JobLogLocation {
  readonly kind: 'job-log';
  readonly repo: string;
  readonly runId: number;
  readonly jobId: number;
  readonly jobName: string;
  /** The step whose output held the line (from the log's `##[group]` markers), when known. */
  readonly step?: string;
  /** 1-based line in the job's log as GitHub serves it. */
  readonly line: number;
  /** Name of the file in the run's log archive, when the line came from the archive. */
  readonly archiveEntry?: string;
  /** The key was in the job's or a step's name, not in a log line (`line` is then 1). */
  readonly keyIn?: 'jobName' | 'step';
  /** Names stored with a key masked. */
  readonly maskedNames?: readonly PlaceName[];
}

function describeByIds(location: JobLogLocation): string {
  return `the log of job ${location.jobId} (run ${location.runId}) in ${repoByIds(location.repo)}`;
}

/** Where in the job the key was: a log line, or the job's or a step's name. */
function whereInJob(location: JobLogLocation): string {
  if (location.keyIn === 'jobName') return "the key is in the job's name";
  if (location.keyIn === 'step') return "the key is in the step's name";
  return `log line ${location.line}`;
}

/** A job log's line: read again as the job's log; its run's logs can be deleted (purge). */
export const jobLogLineSource = {
  kind: 'job-log',
  identity(location) {
    const { kind, repo, runId, jobId } = location;
    if (location.keyIn === 'jobName') return [kind, repo, runId, jobId, 'jobName'];
    if (location.keyIn === 'step') return [kind, repo, runId, jobId, 'step', location.step ?? null];
    return [kind, repo, runId, jobId, location.archiveEntry ?? null, location.line];
  },
  describe(location) {
    return [
      `run ${location.runId}, job `,
      { code: location.jobName },
      ` (${location.jobId})`,
      ...(location.step === undefined ? [] : [', step ', { code: location.step }]),
      `, ${whereInJob(location)}`,
      ...(location.archiveEntry === undefined ? [] : [', in ', { code: location.archiveEntry }]),
    ];
  },
  link(location, { githubUrl, mask }) {
    const step = location.step === undefined ? '' : `, step "${location.step}"`;
    return {
      text: mask(
        `${location.repo} job "${location.jobName}"${step}, ${whereInJob(location)} (run ${location.runId})`,
      ),
      url: `${repositoryPage(githubUrl, location.repo)}/actions/runs/${location.runId}/job/${location.jobId}`,
    };
  },
  summary(location) {
    const step = location.step ? `, step "${location.step}"` : '';
    return `log of job "${location.jobName}" (run ${location.runId}${step}) line ${location.line}`;
  },
  describeByIds,
  async readAgain(location, { findKey, openLog }) {
    // An archive entry whose job was not known cannot be fetched as a job log.
    if (location.jobId === 0)
      return {
        reason: `${describeByIds(location)} came from the run's log archive without a job id; the archive is not read again`,
      };
    const download = await openLog({ kind: 'job', ...repoRefOf(location.repo), jobId: location.jobId });
    if (download.status === 'gone')
      return { reason: `${describeByIds(location)} is no longer available on GitHub` };
    if (download.status === 'expired')
      return {
        reason: `${describeByIds(location)} was not read: ${download.attempts} download links in a row had expired`,
        retryable: true,
      };
    const { bytes, truncated } = await readPrefix(
      download.response.body as ReadableStream<Uint8Array>,
      MAX_JOB_LOG_BYTES,
    );
    const key = await findKey(bytes);
    if (key !== undefined) return { key };
    if (truncated)
      return {
        reason: `${describeByIds(location)} no longer holds the key in its first ${MAX_JOB_LOG_BYTES} bytes`,
      };
    return undefined;
  },
  cleanUpAdvice: 'job-log',
  runLogs: ({ repo, runId }) => ({ repo, runId }),
} satisfies OccurrenceSource<JobLogLocation>;
