import { isFirstPush, type PullRequestScanJob, type PushScanJob } from '../queue/scan-job.js';

const short = (sha: string) => sha.slice(0, 7);

/** One line that says what a commit scan covered, for the check run. */
export function describeTarget(job: PushScanJob | PullRequestScanJob): string {
  const again = job.rescan ? ' (re-run)' : '';
  if (job.kind === 'pull_request') {
    const range = job.before
      ? `commits after ${short(job.before)} up to ${short(job.headSha)}`
      : `commits up to ${short(job.headSha)}`;
    return `pull request #${job.pullNumber}: ${range}${again}`;
  }
  const branch = job.ref.replace(/^refs\/heads\//, '');
  if (isFirstPush(job)) return `first push to ${branch}: its whole history up to ${short(job.after)}${again}`;
  if (job.baseBranch !== undefined)
    return `new branch ${branch}: its commits not on ${job.baseBranch}, up to ${short(job.after)}${again}`;
  return `push to ${branch}${job.forced ? ' (force push)' : ''}: ${short(job.before)}..${short(job.after)}${again}`;
}
