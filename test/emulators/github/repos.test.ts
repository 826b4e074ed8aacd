import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_PATCH_BYTES } from '../../../emulators/github/git-diff.js';
import { MAX_COMPARE_COMMITS, MAX_FILES_PER_RESPONSE } from '../../../emulators/github/repos.js';
import { INSTALLATION_ID, REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

const owner = 'acme';
const repo = 'app';
const author = { name: 'Dev', email: 'dev@example.com' };

describe('GitHub emulator: repository content from git', () => {
  let fx: EmulatorFixture;
  let base: string;
  beforeAll(async () => {
    fx = await startFixture();
    base = await fx.emulator.commit(
      REPO,
      'main',
      { 'README.md': 'hello\n', 'src/a.ts': 'one\ntwo\nthree\n' },
      { message: 'init', author, date: new Date('2026-01-02T03:04:05Z') },
    );
  });
  afterAll(async () => {
    expect(fx.emulator.violations).toEqual([]);
    await fx.emulator.close();
  });

  it('answers the commit routes of a repository without a commit 409, as GitHub does', async () => {
    await fx.emulator.createRepository('acme/empty', { installationId: INSTALLATION_ID });
    await expect(
      fx.octokit.rest.repos.getCommit({ owner, repo: 'empty', ref: 'main' }),
    ).rejects.toMatchObject({
      status: 409,
    });
    await expect(fx.octokit.rest.repos.listCommits({ owner, repo: 'empty' })).rejects.toMatchObject({
      status: 409,
    });
    await expect(
      fx.octokit.rest.repos.getCommit({ owner, repo, ref: 'no-such-branch' }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('compares base...head with one commit: real sha, patch and line numbers', async () => {
    await fx.emulator.createBranch(REPO, 'one', 'main');
    const head = await fx.emulator.commit(
      REPO,
      'one',
      { 'src/a.ts': 'one\nTWO\nthree\n', 'README.md': null },
      { message: 'edit', author },
    );
    const { data } = await fx.octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: 'main...one',
    });
    expect(data).toMatchObject({ status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(data.commits.map((c) => c.sha)).toEqual([head]);
    expect(data.commits[0]!.commit.author).toMatchObject({ name: 'Dev', email: 'dev@example.com' });
    expect(data.merge_base_commit.sha).toBe(base);
    const files = Object.fromEntries((data.files ?? []).map((f) => [f.filename, f]));
    expect(files['src/a.ts']).toMatchObject({ status: 'modified', additions: 1, deletions: 1, changes: 2 });
    expect(files['src/a.ts']!.patch).toBe('@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three');
    expect(files['src/a.ts']!.sha).toBe(
      execFileSync('git', ['rev-parse', `${head}:src/a.ts`], { cwd: fx.emulator.bareRepoPath(REPO) })
        .toString()
        .trim(),
    );
    expect(files['README.md']).toMatchObject({ status: 'removed', deletions: 1 });
  });

  it(`lists at most ${MAX_COMPARE_COMMITS} commits, counts all in total_commits, pages with per_page`, async () => {
    await fx.emulator.createBranch(REPO, 'many', 'main');
    const shas = await fx.emulator.commitSeries(
      REPO,
      'many',
      Array.from({ length: 260 }, (_, i) => ({
        files: { 'log.txt': `line ${i}\n` },
        options: { message: `c${i}`, author },
      })),
    );
    const { data } = await fx.octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: 'main...many',
    });
    expect(data.total_commits).toBe(260);
    expect(data.commits).toHaveLength(MAX_COMPARE_COMMITS);
    expect(data.commits[0]!.sha).toBe(shas[0]);
    const page3 = await fx.octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: 'main...many',
      per_page: 100,
      page: 3,
    });
    expect(page3.data.commits.map((c) => c.sha)).toEqual(shas.slice(200));
    expect(page3.headers.link).toContain('rel="first"');
  });

  it(`lists at most ${MAX_FILES_PER_RESPONSE} files in compare and pages a commit's files`, async () => {
    await fx.emulator.createBranch(REPO, 'wide', 'main');
    const files = Object.fromEntries(
      Array.from({ length: 310 }, (_, i) => [`gen/f${String(i).padStart(3, '0')}.txt`, `file ${i}\n`]),
    );
    const sha = await fx.emulator.commit(REPO, 'wide', files, { message: 'wide', author });
    const { data } = await fx.octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: 'main...wide',
    });
    expect(data.files).toHaveLength(MAX_FILES_PER_RESPONSE);
    const first = await fx.octokit.rest.repos.getCommit({ owner, repo, ref: sha });
    expect(first.data.files).toHaveLength(300);
    expect(first.headers.link).toContain('rel="next"');
    const second = await fx.octokit.rest.repos.getCommit({ owner, repo, ref: sha, page: 2 });
    expect(second.data.files).toHaveLength(10);
  });

  it('omits the patch of binary files and of files whose diff is too large', async () => {
    await fx.emulator.createBranch(REPO, 'blobs', 'main');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0x00]);
    const big = 'x'.repeat(100) + '\n';
    const sha = await fx.emulator.commit(REPO, 'blobs', {
      'img.png': png,
      'big.txt': big.repeat(Math.ceil(MAX_FILE_PATCH_BYTES / big.length) + 10),
      'small.txt': 'ok\n',
    });
    const { data } = await fx.octokit.rest.repos.getCommit({ owner, repo, ref: sha });
    const byName = Object.fromEntries((data.files ?? []).map((f) => [f.filename, f]));
    expect(byName['img.png']).toMatchObject({ status: 'added', additions: 0 });
    expect(byName['img.png']).not.toHaveProperty('patch');
    expect(byName['big.txt']!.additions).toBeGreaterThan(10_000);
    expect(byName['big.txt']).not.toHaveProperty('patch');
    expect(byName['small.txt']!.patch).toBe('@@ -0,0 +1 @@\n+ok');
    const blob = await fx.octokit.rest.git.getBlob({ owner, repo, file_sha: byName['img.png']!.sha! });
    expect(Buffer.from(blob.data.content, 'base64')).toEqual(png);
  });

  it('serves contents from the default branch or ?ref=, and 404 for a missing file', async () => {
    await fx.emulator.createBranch(REPO, 'cfg', 'main');
    await fx.emulator.commit(REPO, 'cfg', { '.github/rootguard.yml': 'mode: assisted\n' });
    const { data } = await fx.octokit.rest.repos.getContent({
      owner,
      repo,
      path: '.github/rootguard.yml',
      ref: 'cfg',
    });
    expect(Buffer.from((data as { content: string }).content, 'base64').toString()).toBe('mode: assisted\n');
    await expect(
      fx.octokit.rest.repos.getContent({ owner, repo, path: '.github/rootguard.yml' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("serves the raw media type, so Probot's config loader reads the repo's file or the org's .github repo", async () => {
    const octokit = fx.octokit as unknown as {
      config: { get(o: object): Promise<{ config: Record<string, unknown>; files: { repo: string }[] }> };
    };
    await fx.emulator.commit(REPO, 'main', { '.github/rootguard.yml': 'mode: automatic\n' });
    const own = await octokit.config.get({ owner, repo, path: '.github/rootguard.yml' });
    expect(own.config).toEqual({ mode: 'automatic' });
    await fx.emulator.createRepository('acme/.github', { installationId: INSTALLATION_ID });
    await fx.emulator.commit('acme/.github', 'main', { '.github/rootguard.yml': 'mode: assisted\n' });
    await fx.emulator.commit(REPO, 'main', { '.github/rootguard.yml': null });
    const inherited = await octokit.config.get({ owner, repo, path: '.github/rootguard.yml' });
    expect(inherited.config).toEqual({ mode: 'assisted' });
    expect(inherited.files.map((f) => f.repo)).toEqual(['app', '.github']);
  });

  it('sees a force-moved branch', async () => {
    await fx.emulator.createBranch(REPO, 'rewrite', base);
    const first = await fx.emulator.commit(REPO, 'rewrite', { 'x.txt': 'leak\n' });
    const replaced = await fx.emulator.commit(REPO, 'rewrite', { 'x.txt': 'clean\n' }, { parent: base });
    expect(replaced).not.toBe(first);
    expect(await fx.emulator.branchSha(REPO, 'rewrite')).toBe(replaced);
    const { data } = await fx.octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: `${first}...rewrite`,
    });
    expect(data).toMatchObject({ status: 'diverged', ahead_by: 1, behind_by: 1 });
  });
});
