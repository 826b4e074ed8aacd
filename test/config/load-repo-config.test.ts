import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { loadRepoConfig } from '../../src/config/load-repo-config.js';
import { DEFAULT_REPO_CONFIG } from '../../src/config/repo-config.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { KeyGenerator } from '../support/keygen.js';

const API = 'https://api.github.com';
const FILE = '/contents/.github%2Frootguard.yml';
const RAW = { 'content-type': 'application/vnd.github.raw; charset=utf-8' };

function client() {
  return new ProbotOctokit({ auth: { token: 'x' }, retry: { enabled: false }, throttle: { enabled: false } });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

describe('loadRepoConfig', () => {
  it('reads and validates the repository file', async () => {
    const fp = fingerprintKey(new KeyGenerator(803).rootKey());
    nock(API)
      .get(`/repos/acme/api${FILE}`)
      .reply(200, `paths:\n  ignore: ["docs/**"]\nallow:\n  - "${fp}"\nlogs:\n  archive: true\n`, RAW);
    const result = await loadRepoConfig(client(), { owner: 'acme', repo: 'api' });
    expect(result.problems).toEqual([]);
    expect(result.config).toEqual({
      paths: { ignore: ['docs/**'] },
      allow: [fp],
      logs: { scan: true, archive: true },
      apiKeyPrefixes: [],
    });
  });

  it('gives the defaults and no problem when neither the repo nor the owner .github repo has a file', async () => {
    nock(API).get(`/repos/acme/api${FILE}`).reply(404, { message: 'Not Found' });
    nock(API).get(`/repos/acme/.github${FILE}`).reply(404, { message: 'Not Found' });
    expect(await loadRepoConfig(client(), { owner: 'acme', repo: 'api' })).toEqual({
      config: DEFAULT_REPO_CONFIG,
      problems: [],
    });
  });

  it("uses the owner's .github repository file when the repository has none", async () => {
    nock(API).get(`/repos/acme/api${FILE}`).reply(404, { message: 'Not Found' });
    nock(API).get(`/repos/acme/.github${FILE}`).reply(200, 'logs:\n  scan: false\n', RAW);
    const { config } = await loadRepoConfig(client(), { owner: 'acme', repo: 'api' });
    expect(config.logs.scan).toBe(false);
  });

  it('reads the branch it is given', async () => {
    nock(API)
      .get(`/repos/acme/api${FILE}`)
      .query({ ref: 'feature' })
      .reply(200, 'apiKeyPrefixes: [ak]\n', RAW);
    const { config } = await loadRepoConfig(client(), { owner: 'acme', repo: 'api' }, { branch: 'feature' });
    expect(config.apiKeyPrefixes).toEqual(['ak']);
  });

  it('turns a YAML syntax error into a problem with line and column, without quoting the file', async () => {
    const key = new KeyGenerator(804).rootKey();
    nock(API).get(`/repos/acme/api${FILE}`).reply(200, `paths:\n  ignore: ["docs/**"\nallow: [${key}\n`, RAW);
    const { config, problems } = await loadRepoConfig(client(), { owner: 'acme', repo: 'api' });
    expect(config).toBe(DEFAULT_REPO_CONFIG);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('(file)');
    expect(problems[0]?.message).toMatch(
      /^\.github\/rootguard\.yml is not valid YAML at line \d+, column \d+/,
    );
    expect(problems[0]?.message).not.toContain(key.slice(8));
  });

  it('turns a scalar file and a directory into problems', async () => {
    nock(API).get(`/repos/acme/api${FILE}`).reply(200, 'just a string\n', RAW);
    const scalar = await loadRepoConfig(client(), { owner: 'acme', repo: 'api' });
    expect(scalar.problems[0]?.message).toContain('must be a YAML mapping');
    nock(API)
      .get(`/repos/acme/api${FILE}`)
      .reply(200, [{ type: 'file', name: 'x' }], { 'content-type': 'application/json; charset=utf-8' });
    const dir = await loadRepoConfig(client(), { owner: 'acme', repo: 'api' });
    expect(dir.problems[0]?.message).toContain('is a directory or a submodule');
  });

  it('reports schema problems of a file it read', async () => {
    nock(API)
      .get(`/repos/acme/api${FILE}`)
      .reply(200, 'notify:\n  slack: "#sec"\nlogs:\n  scan: maybe\n', RAW);
    const { config, problems } = await loadRepoConfig(client(), { owner: 'acme', repo: 'api' });
    expect(config).toBe(DEFAULT_REPO_CONFIG);
    expect(problems.map((p) => p.path).sort()).toEqual(['logs.scan', 'notify']);
  });

  it('throws API failures other than 404, so the job is retried', async () => {
    nock(API).get(`/repos/acme/api${FILE}`).reply(500, { message: 'boom' });
    await expect(loadRepoConfig(client(), { owner: 'acme', repo: 'api' })).rejects.toMatchObject({
      status: 500,
    });
  });
});
