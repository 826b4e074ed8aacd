import { describe, expect, it } from 'vitest';
import type { CommitLocation } from '../../../src/sources/occurrences/commit-line.js';
import { GITHUB_TEXT_MAX_CHARS } from '../../../src/report/check-run/check-run-output.js';
import { findingMarkerKey, readFindingMarkers } from '../../../src/report/review/finding-marker.js';
import { renderReviewSummary, type CommitFinding } from '../../../src/report/review/render-review-summary.js';
import { KeyGenerator } from '../../support/keygen.js';
import { commitAt, hex, leakedKeys, sourceFinding } from '../../support/source-findings.js';

function findings(seed: number, count: number): { keys: string[]; items: CommitFinding[] } {
  const gen = new KeyGenerator(seed);
  const commit = hex(gen);
  const keys = Array.from({ length: count }, () => gen.rootKey());
  const items = keys.map((key, i) => {
    const { finding, location } = sourceFinding(
      key,
      'unkey-root-key',
      commitAt(commit, `old/file-${i}.env`, i + 1, 14),
    );
    return { finding, location: location as CommitLocation };
  });
  return { keys, items };
}

describe('renderReviewSummary', () => {
  it('counts the comments, lists the findings outside the pull request with their markers', () => {
    const { keys, items } = findings(53, 2);
    const body = renderReviewSummary({
      lineComments: 3,
      fileComments: 1,
      outsidePullRequest: items,
      alreadyReported: 2,
    });
    expect(body).toMatchInlineSnapshot(`
      "**rootguard found leaked Unkey keys in 6 new places in this pull request's commits.**

      - 3 comments on the lines that hold them
      - 1 comment on files (lines outside the diff)
      - 2 findings in files this pull request no longer changes, listed below
      - 2 earlier findings already reported

      Treat every key found as compromised: rootguard has queued the revocation and replacement of each leaked root key. Remove the keys from the branch history (a commit that deletes a line leaves the key in history), and never paste a replacement key into the repository.

      ### Not in the current diff

      - \`unkey_3Z…d1FS\` (Unkey root key, fingerprint \`sn/LufNSUDKTJyny43KmvKFu0BD8nRcPnWuoJbPfRKw=\`) at \`old/file-0.env:1\` in commit \`1d0f181\` <!-- rootguard:finding sn/LufNSUDKTJyny43KmvKFu0BD8nRcPnWuoJbPfRKw= old/file-0.env:1 -->
      - \`unkey_3Z…pUtd\` (Unkey root key, fingerprint \`ssT7RuEs2zPD905OYJexq463wZbXsZZb/MvsXbURh78=\`) at \`old/file-1.env:2\` in commit \`1d0f181\` <!-- rootguard:finding ssT7RuEs2zPD905OYJexq463wZbXsZZb/MvsXbURh78= old/file-1.env:2 -->
      "
    `);
    expect(leakedKeys(body, keys)).toEqual([]);
    expect(readFindingMarkers(body)).toEqual(
      items.map(({ finding, location }) =>
        findingMarkerKey(finding.fingerprint, location.path, location.line),
      ),
    );
  });

  it('with only line comments, has no list', () => {
    const body = renderReviewSummary({
      lineComments: 1,
      fileComments: 0,
      outsidePullRequest: [],
      alreadyReported: 0,
    });
    expect(body).toContain('in 1 new place');
    expect(body).toContain('- 1 comment on the lines that hold them');
    expect(body).not.toContain('###');
  });

  it("cuts a long list to GitHub's limit with a count", () => {
    const { items } = findings(59, 1_000);
    const body = renderReviewSummary({
      lineComments: 0,
      fileComments: 0,
      outsidePullRequest: items,
      alreadyReported: 0,
    });
    expect(body.length).toBeLessThanOrEqual(GITHUB_TEXT_MAX_CHARS);
    const listed = readFindingMarkers(body).length;
    expect(listed).toBeGreaterThan(100);
    expect(listed).toBeLessThan(1_000);
    expect(body).toContain(`- …and ${1_000 - listed} more findings not listed.`);
  });
});
