import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { scanCommitRange } from '../../src/sources/push-diff.js';
import type * as Limits from '../../src/sources/limits.js';
import { COMPARE_MAX_COMMITS } from '../../src/sources/limits.js';
import { TestRepo } from '../cli/git-repo.js';
import { KeyGenerator } from '../support/keygen.js';
import { API, REPO_PATH, addedPatch, apiCommit, common, compareBody, sha, useNock } from './github-nock.js';

// A tiny per-scan byte budget, so the cap is reached with a few lines.
vi.mock('../../src/sources/limits.js', async (importOriginal) => ({
  ...(await importOriginal<typeof Limits>()),
  MAX_SCAN_BYTES: 64,
}));

useNock();
const keys = new KeyGenerator(308);

describe('MAX_SCAN_BYTES', () => {
  it('stops a per-commit scan at the budget: incomplete, with the findings made before it', async () => {
    const ids = [sha(40), sha(41), sha(42)];
    const added = ids.map(() => keys.rootKey());
    const scope = nock(API)
      .get(`${REPO_PATH}/compare/${sha(1)}...${sha(42)}`)
      .reply(
        200,
        compareBody(
          ids.map((id) => apiCommit(id)),
          [],
        ),
      );
    ids.forEach((id, i) =>
      scope
        .get(`${REPO_PATH}/commits/${id}`)
        .query(true)
        .reply(200, {
          ...apiCommit(id),
          files: [
            { filename: `f${i}`, status: 'added', patch: addedPatch([`key = ${added[i]} and more text`]) },
          ],
        }),
    );
    const result = await scanCommitRange({ ...common(), base: sha(1), head: sha(42) });
    expect(result.status).toBe('incomplete');
    expect(result.incomplete.map((r) => r.code)).toEqual(['max-scan-bytes']);
    // Each commit adds 51 bytes: the budget is passed after the second, so the third is not scanned.
    expect(result.findings.map((f) => f.finding.fingerprint)).toEqual(added.slice(0, 2).map(fingerprintKey));
    expect(result.stats).toMatchObject({ commits: 2, bytes: 102 });
  });

  it('stops the clone path at the budget: git is stopped, the scan incomplete, earlier findings kept', async () => {
    const repo = new TestRepo();
    const ada = { name: 'Ada', email: 'ada@example.com', date: '2026-10-01T09:00:00Z' };
    repo.write({ 'a.txt': 'a\n' });
    const base = repo.commit('base', ada);
    const added: string[] = [];
    for (let i = 0; i < 40; i++) {
      added.push(keys.rootKey());
      // The key first: git's first output chunk holds it before the budget is passed.
      repo.write({ [`f${i}.txt`]: `key = ${added[i]}\n${'x'.repeat(4000)}\n` });
      repo.commit(`c${i}`, ada);
    }
    const head = repo.git('rev-parse', 'HEAD').trim();
    const bare = join(repo.root, '.git', 'bare.git');
    execFileSync('git', ['clone', '-q', '--bare', repo.root, bare], { env: repo.env });
    nock(API)
      .get(`${REPO_PATH}/compare/${base}...${head}`)
      .reply(200, compareBody([], [], COMPARE_MAX_COMMITS + 1));
    const result = await scanCommitRange({ ...common(), base, head, cloneUrl: bare });
    expect(result.method).toBe('clone');
    expect(result.incomplete.map((r) => r.code)).toEqual(['max-scan-bytes']);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.length).toBeLessThan(added.length);
  });
});
