import type { OccurrenceLocation } from '../../incidents/occurrence.js';
import { codeSpan, shortSha } from '../markdown/markdown.js';

/**
 * Where a key was seen, as one line of markdown: `` `abc1234` `src/a.ts:12` `` for a commit, the
 * job, step and log line for an Actions log, the alert number for a secret scanning alert.
 */
export function describeLocation(location: OccurrenceLocation): string {
  switch (location.kind) {
    case 'commit':
      if (location.keyIn === 'path')
        return `${codeSpan(shortSha(location.commit))} ${codeSpan(location.path)} (the key is in the path)`;
      return `${codeSpan(shortSha(location.commit))} ${codeSpan(`${location.path}:${location.line}`)}`;
    case 'job-log': {
      const parts = [`job ${codeSpan(location.jobName)} (${location.jobId})`];
      if (location.step !== undefined) parts.push(`step ${codeSpan(location.step)}`);
      if (location.keyIn === 'jobName') parts.push("the key is in the job's name");
      else if (location.keyIn === 'step') parts.push("the key is in the step's name");
      else parts.push(`log line ${location.line}`);
      if (location.archiveEntry !== undefined) parts.push(`in ${codeSpan(location.archiveEntry)}`);
      return `run ${location.runId}, ${parts.join(', ')}`;
    }
    case 'secret-scanning-alert':
      return location.url === undefined
        ? `secret scanning alert #${location.alertNumber}`
        : `[secret scanning alert #${location.alertNumber}](${encodeURI(location.url).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})`;
  }
}

/** The same, as plain text for places that do not render markdown (annotation titles). */
export function describeLocationPlain(location: OccurrenceLocation): string {
  switch (location.kind) {
    case 'commit':
      if (location.keyIn === 'path')
        return `${shortSha(location.commit)} ${location.path} (the key is in the path)`;
      return `${shortSha(location.commit)} ${location.path}:${location.line}`;
    case 'job-log':
      if (location.keyIn !== undefined)
        return `run ${location.runId}, job ${location.jobName}, the key is in the ${location.keyIn === 'step' ? 'step' : 'job'}'s name`;
      return `run ${location.runId}, job ${location.jobName}, log line ${location.line}`;
    case 'secret-scanning-alert':
      return `secret scanning alert #${location.alertNumber}`;
  }
}
