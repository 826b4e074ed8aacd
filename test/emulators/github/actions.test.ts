import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOWNLOAD_LINK_TTL_MS } from '../../../emulators/github/download-links.js';
import { REPO, startFixture, type EmulatorFixture } from './emulator-fixture.js';

/** Reads the names and contents of a zip (central directory) written by zip-writer. */
function readZip(zip: Buffer): Record<string, string> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  const out: Record<string, string> = {};
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString();
    const local = zip.readUInt32LE(at + 42);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + size);
    out[name] = (method === 8 ? inflateRawSync(data) : data).toString();
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

describe('GitHub emulator: Actions runs, jobs and log downloads', () => {
  let fx: EmulatorFixture;
  let offsetMs = 0;
  const get = (path: string) =>
    fetch(`${fx.emulator.url}${path}`, {
      headers: { authorization: `token ${fx.token}` },
      redirect: 'manual',
    });
  beforeAll(async () => {
    fx = await startFixture({ now: () => new Date(Date.now() + offsetMs) });
    const headSha = await fx.emulator.commit(REPO, 'main', { 'a.txt': 'a\n' });
    fx.emulator.addWorkflowRun(REPO, {
      runId: 9001,
      headSha,
      jobs: [
        {
          id: 501,
          name: 'build',
          steps: [
            { name: 'Set up job', log: 'setting up\n' },
            { name: 'Run tests', log: 'ok\n' },
          ],
          log: 'setting up\nok\n',
        },
      ],
    });
  });
  afterAll(async () => {
    expect(fx.emulator.violations).toEqual([]);
    await fx.emulator.close();
  });

  it('serves the run, its jobs with steps, and one job', async () => {
    const { data: run } = await fx.octokit.rest.actions.getWorkflowRun({
      owner: 'acme',
      repo: 'app',
      run_id: 9001,
    });
    expect(run).toMatchObject({ id: 9001, status: 'completed', head_branch: 'main' });
    const { data: jobs } = await fx.octokit.rest.actions.listJobsForWorkflowRun({
      owner: 'acme',
      repo: 'app',
      run_id: 9001,
    });
    expect(jobs.total_count).toBe(1);
    expect(jobs.jobs[0]!.steps!.map((s) => [s.number, s.name, s.conclusion])).toEqual([
      [1, 'Set up job', 'success'],
      [2, 'Run tests', 'success'],
    ]);
    const { data: job } = await fx.octokit.rest.actions.getJobForWorkflowRun({
      owner: 'acme',
      repo: 'app',
      job_id: 501,
    });
    expect(job.name).toBe('build');
  });

  it('redirects job logs to a download link that expires after 60 s; a new request gets a new link', async () => {
    const first = await get('/repos/acme/app/actions/jobs/501/logs');
    expect(first.status).toBe(302);
    const location = first.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${fx.emulator.url}/_downloads/`));
    expect(await (await fetch(location)).text()).toBe('setting up\nok\n');
    offsetMs += DOWNLOAD_LINK_TTL_MS;
    expect((await fetch(location)).status).toBe(403);
    const again = await get('/repos/acme/app/actions/jobs/501/logs');
    expect(again.headers.get('location')).not.toBe(location);
    expect(await (await fetch(again.headers.get('location')!)).text()).toBe('setting up\nok\n');
    // Octokit follows the redirect itself.
    const { data } = await fx.octokit.rest.actions.downloadJobLogsForWorkflowRun({
      owner: 'acme',
      repo: 'app',
      job_id: 501,
    });
    expect(String(data)).toBe('setting up\nok\n');
  });

  it('serves the run archive laid out like GitHub, or one the test sets', async () => {
    const zip = Buffer.from(
      await (
        await fetch((await get('/repos/acme/app/actions/runs/9001/logs')).headers.get('location')!)
      ).arrayBuffer(),
    );
    expect(readZip(zip)).toEqual({
      '0_build.txt': 'setting up\nok\n',
      'build/1_Set up job.txt': 'setting up\n',
      'build/2_Run tests.txt': 'ok\n',
    });
    fx.emulator.setRunLogArchive(9001, Buffer.from('not a zip'));
    const hostile = await fetch(
      (await get('/repos/acme/app/actions/runs/9001/logs')).headers.get('location')!,
    );
    expect(await hostile.text()).toBe('not a zip');
  });

  it('expire-download fault: the next link is already expired', async () => {
    fx.emulator.faults.add({ path: '/repos/acme/app/actions/jobs/501/logs', kind: 'expire-download' });
    const expired = await get('/repos/acme/app/actions/jobs/501/logs');
    expect((await fetch(expired.headers.get('location')!)).status).toBe(403);
    const fresh = await get('/repos/acme/app/actions/jobs/501/logs');
    expect((await fetch(fresh.headers.get('location')!)).status).toBe(200);
  });
});
