import { describe, expect, it } from 'vitest';
import { externalIdFor, scanJobFromExternalId } from '../../src/queue/check-run-external-id.js';
import { JOB_FIELDS, sha } from '../support/scan-jobs.js';

const base = JOB_FIELDS;

describe('check run external_id', () => {
  it('round-trips push and pull request ranges', () => {
    const push = {
      kind: 'push' as const,
      ...base,
      ref: 'refs/heads/feature/x',
      before: sha('0'),
      after: sha('1'),
      forced: false,
      baseBranch: 'main',
    };
    expect(scanJobFromExternalId(externalIdFor(push), base)).toEqual(push);
    const pr = {
      kind: 'pull_request' as const,
      ...base,
      pullNumber: 12,
      baseSha: sha('2'),
      headSha: sha('3'),
      before: sha('4'),
    };
    expect(scanJobFromExternalId(externalIdFor(pr), base)).toEqual(pr);
    const { before: _, ...opened } = pr;
    expect(scanJobFromExternalId(externalIdFor(opened), base)).toEqual(opened);
  });

  it('refuses anything it did not write', () => {
    for (const id of [
      null,
      '',
      'v2 push',
      'v1 push x y refs/heads/a',
      `v1 pr -1 ${sha('a')} ${sha('b')}`,
      `v1 pr 3 ${sha('a')} nope`,
    ])
      expect(scanJobFromExternalId(id, base)).toBeUndefined();
  });
});
