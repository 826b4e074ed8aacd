import { describe, expect, it } from 'vitest';
import { describeTarget } from '../../src/scan/describe-target.js';
import { JOB_FIELDS, sha } from '../support/scan-jobs.js';

const base = JOB_FIELDS;

describe('describeTarget', () => {
  it('says what a push, a new branch, a first push and a pull request covered', () => {
    const push = {
      kind: 'push' as const,
      ...base,
      ref: 'refs/heads/main',
      before: sha('a'),
      after: sha('b'),
      forced: false,
    };
    expect(describeTarget(push)).toBe('push to main: aaaaaaa..bbbbbbb');
    expect(describeTarget({ ...push, forced: true, rescan: true })).toBe(
      'push to main (force push): aaaaaaa..bbbbbbb (re-run)',
    );
    expect(describeTarget({ ...push, ref: 'refs/heads/f', before: sha('0'), baseBranch: 'main' })).toBe(
      'new branch f: its commits not on main, up to bbbbbbb',
    );
    expect(describeTarget({ ...push, before: sha('0') })).toBe(
      'first push to main: its whole history up to bbbbbbb',
    );
    const pr = {
      kind: 'pull_request' as const,
      ...base,
      pullNumber: 4,
      baseSha: sha('c'),
      headSha: sha('d'),
    };
    expect(describeTarget(pr)).toBe('pull request #4: commits up to ddddddd');
    expect(describeTarget({ ...pr, before: sha('e') })).toBe(
      'pull request #4: commits after eeeeeee up to ddddddd',
    );
  });
});
