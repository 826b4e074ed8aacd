import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { scanJobLog } from '../../src/sources/job-log.js';
import { LOG_LINK_ATTEMPTS, MAX_JOB_LOG_BYTES } from '../../src/sources/limits.js';
import { KeyGenerator } from '../support/keygen.js';
import { API, REPO_PATH, common, useNock } from './github-nock.js';
import { chunksOf, logFetch } from './log-fetch.js';

useNock();
const keys = new KeyGenerator(304);
const JOB = 55;
const LINK = (n: number) => `https://results-receiver.actions.githubusercontent.com/job-logs/55.txt?sig=${n}`;

const steps = [
  {
    name: 'Set up job',
    number: 1,
    status: 'completed',
    conclusion: 'success',
    started_at: '2026-11-02T10:00:00Z',
    completed_at: '2026-11-02T10:00:00Z',
  },
  {
    name: 'Checkout',
    number: 2,
    status: 'completed',
    conclusion: 'success',
    started_at: '2026-11-02T10:00:00Z',
    completed_at: '2026-11-02T10:00:05Z',
  },
  {
    name: 'Run tests',
    number: 3,
    status: 'completed',
    conclusion: 'success',
    started_at: '2026-11-02T10:00:05Z',
    completed_at: '2026-11-02T10:00:09Z',
  },
];

function jobBody(withSteps: readonly object[] = steps) {
  return {
    id: JOB,
    run_id: 7,
    name: 'build',
    status: 'completed',
    started_at: '2026-11-02T10:00:00Z',
    completed_at: '2026-11-02T10:00:09Z',
    steps: withSteps,
  };
}

/** A job log as GitHub serves it: a BOM, and a timestamp on every line. */
function jobLog(key: string): Buffer {
  const lines = [
    '\uFEFF2026-11-02T10:00:00.1000000Z ##[group]Run actions/checkout@v4',
    '2026-11-02T10:00:00.2000000Z with:',
    '2026-11-02T10:00:00.3000000Z ##[endgroup]',
    '2026-11-02T10:00:05.5000000Z ##[group]Run npm test',
    '2026-11-02T10:00:06.0000000Z progress 10%\rprogress 100%',
    `2026-11-02T10:00:07.1234567Z root key: ${key}`,
    '2026-11-02T10:00:08.0000000Z done',
  ];
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

function mockJob(links: number[], body = jobBody()) {
  const scope = nock(API).get(`${REPO_PATH}/actions/jobs/${JOB}`).reply(200, body);
  for (const n of links)
    scope.get(`${REPO_PATH}/actions/jobs/${JOB}/logs`).reply(302, '', { Location: LINK(n) });
  return scope;
}

describe('scanJobLog', () => {
  it('strips timestamps across chunk boundaries and places the key on job, step (by time) and log line', async () => {
    const key = keys.rootKey();
    mockJob([1]);
    const download = logFetch({ [LINK(1)]: { status: 200, chunks: chunksOf(jobLog(key), 7) } });
    const result = await scanJobLog({ ...common(), runId: 7, jobId: JOB, fetch: download.fetch });
    expect(result.method).toBe('job-log');
    expect(result.status).toBe('complete');
    expect(result.findings).toHaveLength(1);
    const [found] = result.findings;
    expect(found?.finding.fingerprint).toBe(fingerprintKey(key));
    // Column 11 of the line without its timestamp: the timestamp was stripped before scanning.
    expect(found?.finding.column).toBe(11);
    expect(found?.location).toEqual({
      kind: 'job-log',
      repo: 'acme/app',
      runId: 7,
      jobId: JOB,
      jobName: 'build',
      step: 'Run tests',
      line: 6,
    });
    expect(found?.exposedAt).toBe('2026-11-02T10:00:07.123Z');
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('falls back to the ##[group] marker when the steps have no times', async () => {
    const key = keys.rootKey();
    mockJob([1], jobBody(steps.map((s) => ({ ...s, started_at: null, completed_at: null }))));
    const download = logFetch({ [LINK(1)]: { status: 200, chunks: [jobLog(key)] } });
    const result = await scanJobLog({ ...common(), runId: 7, jobId: JOB, fetch: download.fetch });
    expect(result.findings.map((f) => f.location)).toMatchObject([{ step: 'Run npm test', line: 6 }]);
  });

  it('asks the API for a new link when the download link has expired, never retrying the old one', async () => {
    const key = keys.rootKey();
    mockJob([1, 2]);
    const download = logFetch({
      [LINK(1)]: { status: 403 },
      [LINK(2)]: { status: 200, chunks: [jobLog(key)] },
    });
    const result = await scanJobLog({ ...common(), runId: 7, jobId: JOB, fetch: download.fetch });
    expect(download.calls).toEqual([LINK(1), LINK(2)]);
    expect(result.status).toBe('complete');
    expect(result.findings).toHaveLength(1);
  });

  it(`ends incomplete after ${LOG_LINK_ATTEMPTS} expired links`, async () => {
    const links = Array.from({ length: LOG_LINK_ATTEMPTS }, (_, i) => i + 1);
    mockJob(links);
    const download = logFetch(Object.fromEntries(links.map((n) => [LINK(n), { status: 410 }])));
    const result = await scanJobLog({ ...common(), runId: 7, jobId: JOB, fetch: download.fetch });
    expect(download.calls).toEqual(links.map(LINK));
    expect(result.status).toBe('incomplete');
    expect(result.incomplete.map((r) => r.code)).toEqual(['log-link-expired']);
  });

  it('ends incomplete when the log is gone (the API answers 410)', async () => {
    nock(API)
      .get(`${REPO_PATH}/actions/jobs/${JOB}`)
      .reply(200, jobBody())
      .get(`${REPO_PATH}/actions/jobs/${JOB}/logs`)
      .reply(410, { message: 'Gone' });
    const result = await scanJobLog({ ...common(), runId: 7, jobId: JOB, fetch: logFetch({}).fetch });
    expect(result.incomplete.map((r) => r.code)).toEqual(['log-unavailable']);
  });

  it(`stops at MAX_JOB_LOG_BYTES: incomplete, keeping the findings before the cap`, async () => {
    const [early, late] = [keys.rootKey(), keys.rootKey()];
    const filler = Buffer.from(`2026-11-02T10:00:06.0000000Z ${'.'.repeat(990)}\n`.repeat(1024));
    function* body() {
      yield Buffer.from(`2026-11-02T10:00:06.0000000Z first ${early}\n`);
      for (let sent = 0; sent <= MAX_JOB_LOG_BYTES; sent += filler.length) yield filler;
      yield Buffer.from(`2026-11-02T10:00:08.0000000Z late ${late}\n`);
      throw new Error('read past the cap');
    }
    mockJob([1]);
    const download = logFetch({ [LINK(1)]: { status: 200, chunks: body() } });
    const result = await scanJobLog({ ...common(), runId: 7, jobId: JOB, fetch: download.fetch });
    expect(result.status).toBe('incomplete');
    expect(result.incomplete.map((r) => r.code)).toEqual(['max-job-log-bytes']);
    expect(result.findings.map((f) => f.finding.fingerprint)).toEqual([fingerprintKey(early)]);
    expect(download.pulled()).toBeLessThanOrEqual(MAX_JOB_LOG_BYTES + 2 * filler.length);
  });
});
