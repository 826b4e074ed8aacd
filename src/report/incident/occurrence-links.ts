import type { Occurrence } from '../../incidents/occurrence.js';
import { shortSha } from '../markdown/markdown.js';
import { maskReportText } from '../markdown/mask-report-text.js';

/** Where an occurrence was seen, as plain text for people, and its page on GitHub. */
export interface OccurrenceLink {
  /** Plain text (not yet escaped for markdown or Slack), already masked. */
  readonly text: string;
  /** The line, the job log or the alert; absent when GitHub has no page for it. */
  readonly url?: string;
  /** The pull request the commit was scanned for, when it was. */
  readonly pullRequestUrl?: string;
}

/**
 * The occurrence's page under `githubUrl` (GitHub, a GHES host or the emulator): a commit's
 * line (`blob/{commit}/{path}#L{line}`, each path segment encoded; the commit when the path is
 * stored masked, as it no longer names the file), a job's log, or the secret
 * scanning alert. The text names the repository and the place: path and line with the short
 * commit (and the pull request), the job, step and log line, or the alert number.
 */
export function occurrenceLink(occurrence: Occurrence, githubUrl: string): OccurrenceLink {
  const location = occurrence.location;
  const base = `${githubUrl.replace(/\/+$/, '')}/${encodePath(location.repo)}`;
  switch (location.kind) {
    case 'commit': {
      // Masked before it is encoded: an encoded key would slip past the final mask.
      const path = encodePath(maskReportText(location.path));
      const pull = location.pullRequest;
      // A path stored masked no longer opens the file: the link opens the commit instead.
      const pathMasked = location.maskedNames?.includes('path') === true;
      const place =
        location.keyIn === 'path'
          ? `${location.path} (the key is in the file's path)`
          : `${location.path}:${location.line}`;
      return {
        text: maskReportText(
          `${location.repo} ${place} in commit ${shortSha(location.commit)}` +
            (pull === undefined ? '' : ` (pull request #${pull})`) +
            (pathMasked ? '; the path is shown masked, so the link opens the commit' : ''),
        ),
        url: pathMasked
          ? `${base}/commit/${encodeURIComponent(location.commit)}`
          : `${base}/blob/${encodeURIComponent(location.commit)}/${path}#L${location.line}`,
        ...(pull === undefined ? {} : { pullRequestUrl: `${base}/pull/${pull}` }),
      };
    }
    case 'job-log': {
      const step = location.step === undefined ? '' : `, step "${location.step}"`;
      const where =
        location.keyIn === 'jobName'
          ? "the key is in the job's name"
          : location.keyIn === 'step'
            ? "the key is in the step's name"
            : `log line ${location.line}`;
      return {
        text: maskReportText(
          `${location.repo} job "${location.jobName}"${step}, ${where} (run ${location.runId})`,
        ),
        url: `${base}/actions/runs/${location.runId}/job/${location.jobId}`,
      };
    }
    case 'secret-scanning-alert':
      return {
        text: maskReportText(`${location.repo} secret scanning alert #${location.alertNumber}`),
        url: maskReportText(location.url ?? `${base}/security/secret-scanning/${location.alertNumber}`),
      };
  }
}

/** Each `/`-separated segment percent-encoded. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
