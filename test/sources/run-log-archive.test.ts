import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { ZIP_MAX_ARCHIVE_BYTES, ZIP_MAX_ENTRIES } from '../../src/sources/limits.js';
import { scanRunLogArchive, type ScanRunLogArchiveOptions } from '../../src/sources/run-log-archive.js';
import { KeyGenerator } from '../support/keygen.js';
import { writeZip, type ZipEntry as ZipEntryInput } from '../../emulators/github/zip-writer.js';
import { API, REPO_PATH, common, useNock } from './github-nock.js';
import { chunksOf, logFetch } from './log-fetch.js';

useNock();
const keys = new KeyGenerator(305);
const RUN = 7;
const LINK = 'https://results-receiver.actions.githubusercontent.com/runs/7/logs.zip?sig=1';

/** A log entry's text: a timestamp on each line. */
function logText(lines: readonly string[]): string {
  return lines.map((line, i) => `2026-11-02T10:00:0${i % 10}.5000000Z ${line}\n`).join('');
}

async function scanArchive(entries: readonly ZipEntryInput[], extra: Partial<ScanRunLogArchiveOptions> = {}) {
  nock(API)
    .get(`${REPO_PATH}/actions/runs/${RUN}/jobs`)
    .query({ per_page: 100 })
    .reply(200, {
      total_count: 1,
      jobs: [{ id: 55, run_id: RUN, name: 'build', completed_at: '2026-11-02T10:01:00Z', steps: [] }],
    })
    .get(`${REPO_PATH}/actions/runs/${RUN}/logs`)
    .reply(302, '', { Location: LINK });
  const download = logFetch({ [LINK]: { status: 200, chunks: chunksOf(writeZip(entries), 64 * 1024) } });
  return scanRunLogArchive({ ...common(), runId: RUN, fetch: download.fetch, ...extra });
}

describe('scanRunLogArchive', () => {
  it('scans each entry, naming job and step from the entry and the line from the log', async () => {
    const key = keys.rootKey();
    const result = await scanArchive([
      { name: 'build/', data: '' },
      { name: 'build/1_Set up job.txt', data: logText(['Runner version 2.320']) },
      { name: 'build/3_Run tests.txt', data: logText(['##[group]Run npm test', 'npm test', `key=${key}`]) },
    ]);
    expect(result.method).toBe('run-archive');
    expect(result.status).toBe('complete');
    expect(result.findings.map((f) => [f.location, f.exposedAt, f.finding.column])).toEqual([
      [
        {
          kind: 'job-log',
          repo: 'acme/app',
          runId: RUN,
          jobId: 55,
          jobName: 'build',
          step: 'Run tests',
          line: 3,
          archiveEntry: 'build/3_Run tests.txt',
        },
        '2026-11-02T10:00:02.500Z',
        5,
      ],
    ]);
    expect(result.stats).toMatchObject({ files: 2 });
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('stops a ratio bomb entry (incomplete, zip-ratio) and keeps the findings before and after it', async () => {
    const [before, after] = [keys.rootKey(), keys.rootKey()];
    const result = await scanArchive([
      { name: 'build/1_a.txt', data: logText([before]) },
      { name: 'build/2_bomb.txt', data: 'a'.repeat(16 * 1024 * 1024) },
      { name: 'build/3_b.txt', data: logText([after]) },
    ]);
    expect(result.status).toBe('incomplete');
    expect(result.incomplete).toEqual([
      expect.objectContaining({ code: 'zip-ratio', subject: 'build/2_bomb.txt' }),
    ]);
    expect(result.findings.map((f) => f.finding.fingerprint)).toEqual([
      fingerprintKey(before),
      fingerprintKey(after),
    ]);
  });

  it(`reads at most ZIP_MAX_ENTRIES entries of an archive of 20,000`, async () => {
    const key = keys.rootKey();
    const entries: ZipEntryInput[] = [{ name: 'build/1_first.txt', data: logText([key]) }];
    for (let i = 1; i < 20_000; i++) entries.push({ name: `build/${i}_x.txt`, data: 'x\n', method: 'store' });
    const result = await scanArchive(entries);
    expect(result.incomplete.map((r) => r.code)).toEqual(['zip-max-entries']);
    expect(result.stats.files).toBe(ZIP_MAX_ENTRIES);
    expect(result.findings.map((f) => f.finding.fingerprint)).toEqual([fingerprintKey(key)]);
  });

  it('does not open nested archives (by name or by magic bytes) and skips binary entries', async () => {
    const [inner, outer] = [keys.rootKey(), keys.rootKey()];
    const innerZip = writeZip([{ name: 'secret.txt', data: inner }]);
    const result = await scanArchive([
      { name: 'build/inner.zip', data: innerZip },
      { name: 'build/2_looks like text.txt', data: innerZip },
      { name: 'build/3_gz.txt', data: Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.from(inner)]) },
      { name: 'build/4_binary.txt', data: Buffer.concat([Buffer.from([1, 0, 2]), Buffer.from(inner)]) },
      { name: 'build/5_log.txt', data: logText([outer]) },
    ]);
    expect(result.findings.map((f) => f.finding.fingerprint)).toEqual([fingerprintKey(outer)]);
    expect(result.stats.binarySkipped).toBe(4);
    expect(result.incomplete.map((r) => [r.code, r.subject])).toEqual([
      ['zip-nested-archive', 'build/inner.zip'],
      ['zip-nested-archive', 'build/2_looks like text.txt'],
      ['zip-nested-archive', 'build/3_gz.txt'],
    ]);
  });

  it('treats hostile names as opaque labels: `../`, absolute, control characters, invalid UTF-8', async () => {
    const keysIn = [keys.rootKey(), keys.rootKey(), keys.rootKey()];
    const result = await scanArchive([
      { name: '../../etc/cron.d/x', data: logText([keysIn[0] ?? '']) },
      { name: '/abs\u001b[31m\nname.txt', data: logText([keysIn[1] ?? '']) },
      {
        name: Buffer.from([0x62, 0x2f, 0xff, 0xfe, 0x2e, 0x74, 0x78, 0x74]),
        data: logText([keysIn[2] ?? '']),
      },
    ]);
    expect(result.status).toBe('complete');
    expect(result.findings.map((f) => f.location.kind === 'job-log' && f.location.archiveEntry)).toEqual([
      '../../etc/cron.d/x',
      '/abs?[31m?name.txt',
      'b/\uFFFD\uFFFD.txt',
    ]);
  });

  it('reports headers that claim a size other than the content, keeping what was read', async () => {
    const [first, short, long] = [keys.rootKey(), keys.rootKey(), keys.rootKey()];
    const shortText = logText([short]);
    const longText = logText([long, 'more']);
    const result = await scanArchive([
      { name: 'build/1_ok.txt', data: logText([first]) },
      // Claims more than there is: read in full, then the mismatch is noticed.
      { name: 'build/2_claims-more.txt', data: shortText, lie: { uncompressedSize: shortText.length + 100 } },
      // Claims less than there is: stopped where the claim ends.
      { name: 'build/3_claims-less.txt', data: longText, lie: { uncompressedSize: 10 } },
    ]);
    expect(result.status).toBe('incomplete');
    expect(result.incomplete.map((r) => [r.code, r.subject])).toEqual([
      ['zip-entry-size-mismatch', 'build/2_claims-more.txt'],
      ['zip-entry-size-mismatch', 'build/3_claims-less.txt'],
    ]);
    expect(result.findings.map((f) => f.finding.fingerprint)).toEqual([
      fingerprintKey(first),
      fingerprintKey(short),
    ]);
  });

  it('stops at the total inflated bytes cap, keeping the findings before it', async () => {
    const [first, second, third] = [keys.rootKey(), keys.rootKey(), keys.rootKey()];
    const filler = `${'x'.repeat(99)}\n`.repeat(400);
    const result = await scanArchive(
      [
        { name: 'build/1_a.txt', data: logText([first]) + filler },
        { name: 'build/2_b.txt', data: logText([second]) + filler },
        { name: 'build/3_c.txt', data: logText([third]) },
      ],
      { limits: { maxTotalBytes: 60_000 } },
    );
    expect(result.incomplete.map((r) => r.code)).toEqual(['zip-max-total-bytes']);
    expect(result.findings.map((f) => f.finding.fingerprint)).toEqual([
      fingerprintKey(first),
      fingerprintKey(second),
    ]);
  });

  it('stops an entry at the bytes per entry cap and goes on with the next', async () => {
    const [early, late, next] = [keys.rootKey(), keys.rootKey(), keys.rootKey()];
    const result = await scanArchive(
      [
        { name: 'build/1_a.txt', data: logText([early]) + 'y'.repeat(20_000) + `\n${late}\n` },
        { name: 'build/2_b.txt', data: logText([next]) },
      ],
      { limits: { maxEntryBytes: 10_000 } },
    );
    expect(result.incomplete.map((r) => [r.code, r.subject])).toEqual([
      ['zip-max-entry-bytes', 'build/1_a.txt'],
    ]);
    expect(result.findings.map((f) => f.finding.fingerprint)).toEqual([
      fingerprintKey(early),
      fingerprintKey(next),
    ]);
  });

  it('does not scan an archive larger than ZIP_MAX_ARCHIVE_BYTES (counted while downloading)', async () => {
    nock(API)
      .get(`${REPO_PATH}/actions/runs/${RUN}/jobs`)
      .query(true)
      .reply(200, { total_count: 0, jobs: [] })
      .get(`${REPO_PATH}/actions/runs/${RUN}/logs`)
      .reply(302, '', { Location: LINK });
    const chunk = new Uint8Array(1024 * 1024);
    function* body() {
      for (let sent = 0; sent <= ZIP_MAX_ARCHIVE_BYTES + chunk.length; sent += chunk.length) yield chunk;
      throw new Error('read past the cap');
    }
    const download = logFetch({ [LINK]: { status: 200, chunks: body() } });
    const result = await scanRunLogArchive({ ...common(), runId: RUN, fetch: download.fetch });
    expect(result.incomplete.map((r) => r.code)).toEqual(['zip-max-archive-bytes']);
    expect(download.pulled()).toBeLessThanOrEqual(ZIP_MAX_ARCHIVE_BYTES + 2 * chunk.length);
  });

  it('ends incomplete, not with an exception, when the download is not a zip', async () => {
    nock(API)
      .get(`${REPO_PATH}/actions/runs/${RUN}/jobs`)
      .query(true)
      .reply(200, { total_count: 0, jobs: [] })
      .get(`${REPO_PATH}/actions/runs/${RUN}/logs`)
      .reply(302, '', { Location: LINK });
    const download = logFetch({ [LINK]: { status: 200, chunks: [Buffer.from('not a zip at all')] } });
    const result = await scanRunLogArchive({ ...common(), runId: RUN, fetch: download.fetch });
    expect(result.incomplete.map((r) => r.code)).toEqual(['zip-unreadable']);
  });
});
