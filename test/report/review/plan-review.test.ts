import { describe, expect, it } from 'vitest';
import {
  MAX_FILE_LEVEL_COMMENTS,
  MAX_REVIEW_LINE_COMMENTS,
  planReview,
} from '../../../src/report/review/plan-review.js';
import { findingMarkerKey } from '../../../src/report/review/finding-marker.js';
import { KeyGenerator } from '../../support/keygen.js';
import { commitAt, hex, sourceFinding } from '../../support/source-findings.js';

describe('planReview', () => {
  const gen = new KeyGenerator(83);
  const head = hex(gen);
  const files = new Map([
    [
      'in-diff.env',
      { status: 'added', commentableLines: new Set(Array.from({ length: 500 }, (_, i) => i + 1)) },
    ],
    ['elsewhere.env', { status: 'modified', commentableLines: new Set([1]) }],
  ]);

  it('past the caps, line and file comments spill into the review body', () => {
    const line = Array.from({ length: MAX_REVIEW_LINE_COMMENTS + 5 }, (_, i) =>
      sourceFinding(gen.rootKey(), 'unkey-root-key', commitAt(head, 'in-diff.env', i + 1, 3)),
    );
    const file = Array.from({ length: MAX_FILE_LEVEL_COMMENTS + 4 }, (_, i) =>
      sourceFinding(gen.rootKey(), 'unkey-root-key', commitAt(head, 'elsewhere.env', i + 2, 3)),
    );
    const plan = planReview({
      pullNumber: 3,
      commitId: head,
      findings: [...line, ...file],
      files,
      posted: new Set(),
    });
    expect([plan.line.length, plan.file.length, plan.body.length]).toEqual([
      MAX_REVIEW_LINE_COMMENTS,
      MAX_FILE_LEVEL_COMMENTS,
      9,
    ]);
  });

  it('skips what is posted and counts it once, however often the scan saw it', () => {
    const key = gen.rootKey();
    const twice = [1, 2].map(() => sourceFinding(key, 'unkey-root-key', commitAt(head, 'in-diff.env', 4, 3)));
    const posted = new Set([findingMarkerKey(twice[0]!.finding.fingerprint, 'in-diff.env', 4)]);
    const plan = planReview({ pullNumber: 3, commitId: head, findings: twice, files, posted });
    expect(plan).toEqual({ line: [], file: [], body: [], alreadyCommented: 1 });
  });
});
