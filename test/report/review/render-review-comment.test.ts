import { describe, expect, it } from 'vitest';
import { findingMarkerKey, readFindingMarkers } from '../../../src/report/review/finding-marker.js';
import { renderReviewComment } from '../../../src/report/review/render-review-comment.js';
import type { CommitLocation } from '../../../src/sources/occurrences/commit-line.js';
import { KeyGenerator } from '../../support/keygen.js';
import { commitAt, hex, keyShaped, leakedKeys, sourceFinding } from '../../support/source-findings.js';

function commitFinding(seed: number, path = 'src/config.ts', line = 12) {
  const gen = new KeyGenerator(seed);
  const key = gen.rootKey();
  const { finding, location } = sourceFinding(key, 'unkey-root-key', commitAt(hex(gen), path, line, 14));
  return { key, finding, location: location as CommitLocation };
}

describe('renderReviewComment', () => {
  it('names the masked key, rule and fingerprint, says what to do, and carries the marker', () => {
    const { key, finding, location } = commitFinding(41);
    const body = renderReviewComment({ finding, location, incidentId: 'inc_7Q2' });
    expect(body).toMatchInlineSnapshot(`
      "**rootguard: leaked Unkey root key** \`unkey_3Z…Zf3T\`

      Added at \`src/config.ts:12\` in commit \`4bc4483\`.

      - Rule: \`unkey-root-key\`
      - Fingerprint: \`7ZGfVxAhsIDmoDq4lnnnPrMNfbz0Tjqb5xmge6dBHqg=\` (\`base64(sha256(key))\`, as Unkey stores it)

      - **Treat the key as compromised**: anyone who could read this branch may have copied it.
      - rootguard has queued its containment (incident \`inc_7Q2\`): revoke it, issue a replacement with the same permissions and put that into the deployment secrets that held it.
      - **Remove it from the branch history** (rewrite the commits that hold it, then force-push): a later commit that deletes the line leaves the key in history.
      - **Never paste the replacement key** into code, comments, issues or logs: keep it in a secret store.

      <!-- rootguard:finding 7ZGfVxAhsIDmoDq4lnnnPrMNfbz0Tjqb5xmge6dBHqg= src/config.ts:12 -->"
    `);
    expect(leakedKeys(body, [key])).toEqual([]);
    expect(readFindingMarkers(body)).toEqual([
      findingMarkerKey(finding.fingerprint, location.path, location.line),
    ]);
  });

  it('on a file, names the line the diff does not show', () => {
    const { finding, location } = commitFinding(43);
    const body = renderReviewComment({ finding, location, fileLevel: true });
    expect(body).toContain("that line is not part of this pull request's diff");
    expect(body).not.toContain('incident');
  });

  it('keeps the marker readable whatever the path holds: spaces, `-->`, a key', () => {
    const gen = new KeyGenerator(47);
    const stray = gen.rootKey();
    for (const path of ['dir with space/a.env', 'x-->y/<!--z', `keys/${stray}`]) {
      const { finding, location } = commitFinding(49, path, 3);
      const body = renderReviewComment({ finding, location });
      expect(readFindingMarkers(body)).toEqual([findingMarkerKey(finding.fingerprint, path, 3)]);
      expect(keyShaped(body)).toEqual([]);
    }
  });
});
