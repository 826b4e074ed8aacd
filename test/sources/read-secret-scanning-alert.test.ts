import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { readSecretScanningAlert } from '../../src/sources/read-secret-scanning-alert.js';
import { KeyGenerator } from '../support/keygen.js';
import { API, REPO_PATH, common, sha, useNock } from './github-nock.js';

useNock();
const keys = new KeyGenerator(306);
const CREATED = '2026-11-03T08:00:00Z';
const URL = 'https://github.com/acme/app/security/secret-scanning/3';

function alertBody(secret: string) {
  return {
    number: 3,
    created_at: CREATED,
    url: `${API}${REPO_PATH}/secret-scanning/alerts/3`,
    html_url: URL,
    state: 'open',
    secret_type: 'unkey_root_key',
    secret,
  };
}

function commitLocation(path: string, line: number, column: number, commit: string) {
  return {
    type: 'commit',
    details: {
      path,
      start_line: line,
      end_line: line,
      start_column: column,
      end_column: column + 30,
      blob_sha: sha(900),
      blob_url: `${API}/blob`,
      commit_sha: commit,
      commit_url: `${API}/commit`,
    },
  };
}

describe('readSecretScanningAlert', () => {
  it('gives one finding per commit location, with the fingerprint and no plaintext anywhere', async () => {
    const key = keys.rootKey();
    nock(API)
      .get(`${REPO_PATH}/secret-scanning/alerts/3`)
      .reply(200, alertBody(key))
      .get(`${REPO_PATH}/secret-scanning/alerts/3/locations`)
      .query({ per_page: 100 })
      .reply(200, [
        commitLocation('config/prod.env', 4, 16, sha(31)),
        { type: 'issue_title', details: { issue_title_url: `${API}/issue` } },
        commitLocation('README.md', 10, 1, sha(32)),
      ]);
    const result = await readSecretScanningAlert({ ...common(), alertNumber: 3 });
    expect(result.method).toBe('alert');
    expect(result.status).toBe('complete');
    expect(
      result.findings.map((f) => [f.finding.ruleId, f.finding.fingerprint, f.location, f.exposedAt]),
    ).toEqual([
      [
        'unkey-root-key',
        fingerprintKey(key),
        { kind: 'commit', repo: 'acme/app', commit: sha(31), path: 'config/prod.env', line: 4, column: 16 },
        CREATED,
      ],
      [
        'unkey-root-key',
        fingerprintKey(key),
        { kind: 'commit', repo: 'acme/app', commit: sha(32), path: 'README.md', line: 10, column: 1 },
        CREATED,
      ],
    ]);
    expect(result.findings[0]?.finding.masked).toMatch(/…/);
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('gives one finding for the alert itself when it has no commit locations', async () => {
    const key = keys.rootKeyV1();
    nock(API)
      .get(`${REPO_PATH}/secret-scanning/alerts/3`)
      .reply(200, alertBody(key))
      .get(`${REPO_PATH}/secret-scanning/alerts/3/locations`)
      .query(true)
      .reply(200, []);
    const result = await readSecretScanningAlert({ ...common(), alertNumber: 3 });
    expect(result.findings.map((f) => [f.finding.fingerprint, f.location])).toEqual([
      [fingerprintKey(key), { kind: 'secret-scanning-alert', repo: 'acme/app', alertNumber: 3, url: URL }],
    ]);
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('gives no findings and alert-not-recognised for a secret that is not an Unkey key', async () => {
    const notAKey = ['unkey', '3Znotbase58withl0O'].join('_');
    nock(API).get(`${REPO_PATH}/secret-scanning/alerts/3`).reply(200, alertBody(notAKey));
    const result = await readSecretScanningAlert({ ...common(), alertNumber: 3 });
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('incomplete');
    expect(result.incomplete.map((r) => r.code)).toEqual(['alert-not-recognised']);
    expect(JSON.stringify(result)).not.toContain(notAKey);
  });
});
