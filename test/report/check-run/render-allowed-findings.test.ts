import { describe, expect, it } from 'vitest';
import { renderCheckRunOutput } from '../../../src/report/check-run/render-check-run.js';
import type { ScanResult } from '../../../src/sources/scan-result.js';
import { KeyGenerator } from '../../support/keygen.js';
import { commitAt, hex, leakedKeys, sourceFinding } from '../../support/source-findings.js';

const STATS = { commits: 1, files: 2, bytes: 100, binarySkipped: 0, ignored: 0, allowed: 0 };

function result(findings: ScanResult['findings']): ScanResult {
  return { findings, status: 'complete', incomplete: [], stats: STATS, method: 'compare' };
}

describe('renderCheckRunOutput with findings allowed as false positives', () => {
  const gen = new KeyGenerator(5801);
  const commit = hex(gen);
  const [allowedKey, liveKey] = [gen.rootKey(), gen.rootKey()];
  const allowed = [
    sourceFinding(allowedKey, 'unkey-root-key', commitAt(commit, 'test/fixture.env', 1)),
    sourceFinding(allowedKey, 'unkey-root-key', commitAt(commit, 'test/other.env', 4)),
  ].map((finding) => ({
    finding,
    incidentId: 'inc_AbC-_1234567890123456',
    markedBy: 'octocat',
    issue: { repo: 'acme/security', number: 7, url: 'https://github.com/acme/security/issues/7' },
  }));

  it('succeeds when every finding is allowed, and says who allowed them where', () => {
    const output = renderCheckRunOutput({
      result: result([]),
      target: 'push to main',
      configProblems: [],
      allowed,
    });
    expect(output.conclusion).toBe('success');
    expect(output.title).toBe('No leaked keys: 2 findings allowed as false positives');
    expect(output.summary).toContain(
      '- 2 findings allowed: marked a false positive by @octocat in [acme/security#7](https://github.com/acme/security/issues/7).',
    );
    expect(output.annotations).toEqual([]);
    expect(leakedKeys(JSON.stringify(output), [allowedKey])).toEqual([]);
  });

  it('still fails on the other keys, and names the incident when it has no issue', () => {
    const live = sourceFinding(liveKey, 'unkey-root-key', commitAt(commit, 'src/app.ts', 9));
    const output = renderCheckRunOutput({
      result: result([live]),
      target: 'push to main',
      configProblems: [],
      allowed: allowed.map(({ issue: _issue, markedBy: _by, ...rest }) => rest),
    });
    expect(output.conclusion).toBe('failure');
    expect(output.title).toBe('1 leaked Unkey root key');
    expect(output.summary).toContain(
      '- 2 findings allowed: marked a false positive in incident `inc_AbC-_1234567890123456`.',
    );
    expect(output.annotations.map((a) => a.path)).toEqual(['src/app.ts']);
  });
});
