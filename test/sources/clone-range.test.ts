import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it, vi } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { gitAuthEnv } from '../../src/sources/git/git-auth-env.js';
import { COMMIT_MAX_FILES, COMPARE_MAX_COMMITS } from '../../src/sources/limits.js';
import { scanCommitRange } from '../../src/sources/push-diff.js';
import { TestRepo } from '../cli/git-repo.js';
import { KeyGenerator } from '../support/keygen.js';
import { API, REPO_PATH, addedPatch, apiCommit, common, compareBody, sha, useNock } from './github-nock.js';

useNock();
const keys = new KeyGenerator(302);
const ada = { name: 'Ada', email: 'ada@example.com', date: '2026-10-01T09:00:00+02:00' };

/** A repository with a leak added then removed, and its bare copy to clone from. */
function leakyRepo() {
  const [removed, kept, ignored] = [keys.rootKey(), keys.rootKey(), keys.rootKey()];
  const repo = new TestRepo();
  repo.write({ 'README.md': 'hello\n' });
  const base = repo.commit('base', ada);
  repo.write({ '.env': `A=1\nUNKEY_ROOT_KEY=${removed}\n` });
  const added = repo.commit('add env', ada);
  repo.git('rm', '-q', '.env');
  repo.commit('remove env', ada);
  repo.write({
    'docs/setup.md': `# Setup\nexport UNKEY_ROOT_KEY=${kept}\n`,
    'vendor/k.txt': `${ignored}\n`,
    'logo.bin': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`${keys.rootKey()}\n`)]),
  });
  const head = repo.commit('docs', ada);
  // Inside .git, so it is removed with the repository and never committed.
  const bare = join(repo.root, '.git', 'bare.git');
  execFileSync('git', ['clone', '-q', '--bare', repo.root, bare], { env: repo.env });
  return { repo, bare, base, added, head, removed, kept };
}

const filter = { ignorePath: (path: string) => path.startsWith('vendor/'), allowFingerprint: () => false };

function clonesLeft(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('rootguard-clone-'));
}

describe('scanCommitRange beyond the API limits: a blobless clone and git log -p', () => {
  it(`clones when the range has more than ${COMPARE_MAX_COMMITS} commits`, async () => {
    const { bare, base, added, head, removed, kept } = leakyRepo();
    const before = clonesLeft();
    const listed = Array.from({ length: COMPARE_MAX_COMMITS }, (_, i) => apiCommit(sha(100 + i)));
    nock(API)
      .get(`${REPO_PATH}/compare/${base}...${head}`)
      .reply(200, compareBody(listed, [], COMPARE_MAX_COMMITS + 1));
    const result = await scanCommitRange({ ...common(), filter, base, head, cloneUrl: bare });
    expect(result.method).toBe('clone');
    expect(result.status).toBe('complete');
    expect(result.findings.map((f) => [f.finding.fingerprint, f.location])).toEqual([
      [
        fingerprintKey(kept),
        expect.objectContaining({
          commit: head,
          path: 'docs/setup.md',
          line: 2,
          author: 'Ada <ada@example.com>',
        }),
      ],
      [fingerprintKey(removed), expect.objectContaining({ commit: added, path: '.env', line: 2 })],
    ]);
    expect(result.findings[1]?.exposedAt).toBe('2026-10-01T09:00:00+02:00');
    expect(result.stats).toMatchObject({ commits: 3, ignored: 1, binarySkipped: 1, files: 2 });
    expect(clonesLeft()).toEqual(before);
  });

  it('finds a key in a file path on the clone path too, with keyIn', async () => {
    const inPath = keys.rootKey();
    const repo = new TestRepo();
    repo.write({ 'README.md': 'hello\n' });
    const base = repo.commit('base', ada);
    repo.write({ [`keys/${inPath}.txt`]: 'nothing secret here\n' });
    const head = repo.commit('odd name', ada);
    const bare = join(repo.root, '.git', 'bare.git');
    execFileSync('git', ['clone', '-q', '--bare', repo.root, bare], { env: repo.env });
    const listed = Array.from({ length: COMPARE_MAX_COMMITS }, (_, i) => apiCommit(sha(100 + i)));
    nock(API)
      .get(`${REPO_PATH}/compare/${base}...${head}`)
      .reply(200, compareBody(listed, [], COMPARE_MAX_COMMITS + 1));
    const result = await scanCommitRange({ ...common(), filter, base, head, cloneUrl: bare });
    expect(result.method).toBe('clone');
    expect(result.findings.map((f) => [f.finding.fingerprint, f.location])).toEqual([
      [
        fingerprintKey(inPath),
        expect.objectContaining({ commit: head, path: `keys/${inPath}.txt`, line: 1, keyIn: 'path' }),
      ],
    ]);
  });

  it('clones when a commit has as many files as the commit API lists at most', async () => {
    const { bare, base, head, kept } = leakyRepo();
    const scope = nock(API)
      .get(`${REPO_PATH}/compare/${base}...${head}`)
      .reply(200, compareBody([apiCommit(sha(1)), apiCommit(head)], []))
      .get(`${REPO_PATH}/commits/${sha(1)}`)
      .query(true)
      .reply(200, { ...apiCommit(sha(1)), files: [] });
    const files = Array.from({ length: 100 }, (_, i) => ({
      filename: `f${i}`,
      status: 'added',
      patch: addedPatch(['x']),
    }));
    for (let page = 1; page <= COMMIT_MAX_FILES / 100; page++)
      scope
        .get(`${REPO_PATH}/commits/${head}`)
        .query({ per_page: 100, page })
        .reply(200, { ...apiCommit(head), files });
    const result = await scanCommitRange({ ...common(), filter, base, head, cloneUrl: bare });
    expect(result.method).toBe('clone');
    expect(result.findings.map((f) => f.finding.fingerprint)).toContain(fingerprintKey(kept));
  });

  it('takes a branch name as the base (a new branch compared with the default branch)', async () => {
    const { repo } = leakyRepo();
    repo.git('checkout', '-q', '-b', 'feature');
    const key = keys.rootKey();
    repo.write({ 'new.txt': `${key}\n` });
    const head = repo.commit('feature work', ada);
    const bare = join(repo.root, '.git', 'bare-feature.git');
    execFileSync('git', ['clone', '-q', '--bare', repo.root, bare], { env: repo.env });
    nock(API)
      .get(`${REPO_PATH}/compare/main...${head}`)
      .reply(200, compareBody([apiCommit(head)], [], COMPARE_MAX_COMMITS + 1));
    const result = await scanCommitRange({ ...common(), base: 'main', head, cloneUrl: bare });
    expect(result.stats.commits).toBe(1);
    expect(result.findings.map((f) => f.location)).toMatchObject([
      { commit: head, path: 'new.txt', line: 1 },
    ]);
  });

  it('ends incomplete when the range start is not in the repository', async () => {
    const { bare, head } = leakyRepo();
    nock(API)
      .get(`${REPO_PATH}/compare/${sha(77)}...${head}`)
      .reply(200, compareBody([], [], COMPARE_MAX_COMMITS + 1));
    const result = await scanCommitRange({ ...common(), base: sha(77), head, cloneUrl: bare });
    expect(result.status).toBe('incomplete');
    expect(result.incomplete.map((r) => r.code)).toEqual(['clone-base-missing']);
  });
});

describe('gitAuthEnv', () => {
  it('passes the token as an extra header through GIT_CONFIG_* only', () => {
    const env = gitAuthEnv('ghs_token', '/tmp/x');
    expect(env['GIT_CONFIG_KEY_0']).toBe('http.extraHeader');
    const value = env['GIT_CONFIG_VALUE_0'] ?? '';
    expect(Buffer.from(value.replace('Authorization: Basic ', ''), 'base64').toString()).toBe(
      'x-access-token:ghs_token',
    );
    expect(gitAuthEnv(undefined, '/tmp/x')['GIT_CONFIG_COUNT']).toBeUndefined();
  });
});

describe('the installation token on the clone path', () => {
  it('reaches git only through the environment, never its arguments', async () => {
    const { repo, bare, base, head } = leakyRepo();
    const token = ['ghs', 'sentinel0token0for0argv0check'].join('_');
    const bin = join(repo.root, '.git', 'fake-bin');
    const log = join(bin, 'calls.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'git'),
      `#!/bin/sh\nprintf 'ARGV %s\\n' "$*" >> '${log}'\nprintf 'ENV %s\\n' "$GIT_CONFIG_VALUE_0" >> '${log}'\nexec '${realGit}' "$@"\n`,
    );
    chmodSync(join(bin, 'git'), 0o755);
    vi.stubEnv('PATH', `${bin}:${process.env['PATH'] ?? ''}`);
    try {
      const client = new ProbotOctokit({
        auth: { token },
        retry: { enabled: false },
        throttle: { enabled: false },
      });
      nock(API)
        .get(`${REPO_PATH}/compare/${base}...${head}`)
        .reply(200, compareBody([], [], COMPARE_MAX_COMMITS + 1));
      const result = await scanCommitRange({ ...common(), client, base, head, cloneUrl: bare });
      expect(result.method).toBe('clone');
    } finally {
      vi.unstubAllEnvs();
    }
    const calls = readFileSync(log, 'utf8').split('\n');
    const argv = calls.filter((line) => line.startsWith('ARGV '));
    expect(argv.some((line) => line.includes(' clone '))).toBe(true);
    expect(argv.join('\n')).not.toContain(token);
    const header = `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
    expect(calls.filter((line) => line.startsWith('ENV '))).toContain(`ENV ${header}`);
  });
});

describe('the clone path under its time limit', () => {
  it('stops git and ends incomplete (git-timeout) when git runs too long', async () => {
    const { repo, bare, base, head } = leakyRepo();
    const bin = join(repo.root, '.git', 'slow-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'git'), '#!/bin/sh\nexec sleep 30\n');
    chmodSync(join(bin, 'git'), 0o755);
    vi.stubEnv('PATH', `${bin}:${process.env['PATH'] ?? ''}`);
    try {
      nock(API)
        .get(`${REPO_PATH}/compare/${base}...${head}`)
        .reply(200, compareBody([], [], COMPARE_MAX_COMMITS + 1));
      const started = Date.now();
      const result = await scanCommitRange({ ...common(), base, head, cloneUrl: bare, gitTimeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result.status).toBe('incomplete');
      expect(result.incomplete.map((r) => r.code)).toEqual(['git-timeout']);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
