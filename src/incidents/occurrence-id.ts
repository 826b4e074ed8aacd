import { createHash } from 'node:crypto';
import type { OccurrenceLocation } from './occurrence.js';

/**
 * A stable id of a place: a hash of the location's identifying fields, so the same place
 * recorded twice (a redelivered webhook, a rescan, a push and the PR holding the same commit)
 * is one occurrence. `author`, `url` and `pullRequest` describe a place but don't change it.
 */
export function occurrenceIdFor(location: OccurrenceLocation): string {
  const parts = identifyingParts(location);
  return `occ_${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22)}`;
}

function identifyingParts(location: OccurrenceLocation): unknown[] {
  switch (location.kind) {
    case 'commit':
      // A key in a path is one place per file and commit, whichever line pointed at it.
      if (location.keyIn === 'path')
        return [location.kind, location.repo, location.commit, location.path, 'path'];
      return [location.kind, location.repo, location.commit, location.path, location.line, location.column];
    case 'job-log':
      if (location.keyIn === 'jobName')
        return [location.kind, location.repo, location.runId, location.jobId, 'jobName'];
      if (location.keyIn === 'step')
        return [location.kind, location.repo, location.runId, location.jobId, 'step', location.step ?? null];
      return [
        location.kind,
        location.repo,
        location.runId,
        location.jobId,
        location.archiveEntry ?? null,
        location.line,
      ];
    case 'secret-scanning-alert':
      return [location.kind, location.repo, location.alertNumber];
  }
}
