import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveExpiredIncidents } from '../../src/incidents/archive-expired-incidents.js';
import { IncidentError } from '../../src/incidents/errors.js';
import { exportIncidents } from '../../src/incidents/export-incidents.js';
import {
  INCIDENT_ARCHIVE_FORMAT,
  readIncidentSnapshot,
  type IncidentArchiveLine,
} from '../../src/incidents/incident-archive.js';
import { IncidentStore } from '../../src/incidents/incident-store.js';
import { ReportStore } from '../../src/incidents/report-store.js';
import { RunStore } from '../../src/incidents/run-store.js';
import { STEP_NAMES, type StepName } from '../../src/playbook/step-names.js';
import { KeyGenerator } from '../support/keygen.js';
import { findKeyMaterial } from '../support/secret-canary.js';
import {
  deleteUnder,
  recordCommitIncident,
  TEST_REDIS_URL,
  uniquePrefix,
  valuesUnder,
} from './redis-fixture.js';

const gen = new KeyGenerator(16_400);
const DAY = 86_400_000;
let redis: Redis;
const prefixes: string[] = [];

beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  for (const prefix of prefixes) await deleteUnder(redis, prefix);
  await redis.quit();
});

function world() {
  const prefix = uniquePrefix('retention');
  prefixes.push(prefix);
  const incidents = new IncidentStore(redis, { prefix });
  const runs = new RunStore<StepName>(redis, { prefix, steps: STEP_NAMES });
  const reports = new ReportStore(redis, { prefix });
  const keys: string[] = [];
  /** An incident with two occurrences, a run with two steps, a timeline, an issue, a check run and a delivery. */
  async function incident(
    status: 'contained' | 'false-positive' | 'open' | 'needs-human',
    options: { checkRunId?: number; issue?: number; containedAt?: Date } = {},
  ): Promise<string> {
    const key = gen.rootKey();
    keys.push(key);
    const id = await recordCommitIncident(incidents, key, { receivedAt: '2026-11-27T10:00:05Z' });
    const second = await incidents.recordOccurrence({
      ...(await firstInput(id)),
      occurrence: {
        ruleId: 'unkey-root-key',
        location: {
          kind: 'commit',
          repo: 'acme/web',
          commit: 'b'.repeat(40),
          path: 'config.ts',
          line: 4,
          column: 9,
        },
        exposedAt: '2026-11-28T10:00:00Z',
        foundBy: 'push',
        repoPublic: false,
      },
    });
    expect(second.occurrenceAdded).toBe(true);
    const run = await runs.startRun(id, 2, new Date('2026-11-27T10:00:06Z'));
    const at = '2026-11-27T10:00:07.000Z';
    await runs.finishStep(
      id,
      run.run,
      { step: 'verify', outcome: 'done', summary: 'The key is live.', startedAt: at, finishedAt: at },
      { at, run: run.run, step: 'verify', event: 'step-finished', text: 'verify: done' },
    );
    await runs.finishStep(
      id,
      run.run,
      {
        step: 'contain',
        outcome: 'done',
        summary: 'Rerolled.',
        detail: { newKeyId: 'key_123' },
        startedAt: at,
      },
      { at, run: run.run, step: 'contain', event: 'step-finished', text: 'contain: done' },
    );
    const finishedAt = (options.containedAt ?? new Date('2026-11-27T10:00:08Z')).toISOString();
    await runs.finishRun(
      id,
      { ...run, finishedAt },
      status === 'false-positive'
        ? { status, falsePositiveBy: 'octocat', falsePositiveAt: finishedAt }
        : status === 'contained'
          ? { status, containedAt: finishedAt, timeToContainMs: 3_000 }
          : { status },
      { at: finishedAt, run: run.run, event: 'run-finished', text: `finished: ${status}` },
    );
    await reports.linkCheckRun(id, {
      repo: 'acme/api',
      checkRunId: options.checkRunId ?? 77,
      headSha: 'a'.repeat(40),
    });
    if (options.issue !== undefined)
      await reports.setIssue(id, {
        repo: 'acme/incidents',
        number: options.issue,
        url: `https://github.test/acme/incidents/issues/${options.issue}`,
      });
    await reports.recordDelivery(id, { reporter: 'issue', status: 'sent', at });
    await reports.setLastSent(id, 'issue', 'f'.repeat(64));
    return id;
  }
  async function firstInput(id: string) {
    const stored = (await incidents.get(id))!;
    return { fingerprint: stored.fingerprint, ruleId: stored.ruleId, masked: stored.masked };
  }
  return { prefix, incidents, runs, reports, keys, incident };
}

async function exported(prefix: string, since = new Date(0), until?: Date): Promise<IncidentArchiveLine[]> {
  const lines: IncidentArchiveLine[] = [];
  for await (const line of exportIncidents(redis, {
    prefix,
    since,
    ...(until ? { until } : {}),
    steps: STEP_NAMES,
  }))
    lines.push(JSON.parse(line) as IncidentArchiveLine);
  return lines;
}

/** Every key under the prefix with its stored values, to compare before and after. */
async function dump(prefix: string): Promise<string[]> {
  return (await valuesUnder(redis, prefix)).sort();
}

describe('exportIncidents', () => {
  it('writes one complete, parseable line per incident, masked as stored', async () => {
    const w = world();
    const first = await w.incident('contained', { issue: 12 });
    const second = await w.incident('open', { checkRunId: 78 });
    const lines = await exported(w.prefix);
    expect(lines.map((line) => line.incident.id)).toEqual([first, second]);
    for (const line of lines) {
      const id = line.incident.id;
      expect(line.format).toBe(INCIDENT_ARCHIVE_FORMAT);
      expect(line.incident).toEqual(await w.incidents.get(id));
      expect(line.occurrences).toEqual(await w.incidents.occurrences(id));
      expect(line.timeline).toEqual(await w.runs.timeline(id));
      const run = (await w.runs.getRun(id, 1))!;
      expect(line.runs).toEqual([{ run: run.run, steps: [...run.steps.values()] }]);
      expect(line.runs[0]!.steps.map((step) => step.step)).toEqual(['verify', 'contain']);
      expect(line.reports['delivery:issue']).toEqual((await w.reports.deliveries(id))[0]);
      expect(line.reports['sent:issue']).toBe('f'.repeat(64));
    }
    expect(lines[0]!.reports['issue']).toEqual(await w.reports.issue(first));
    expect(lines[0]!.incident.masked).toMatch(/…/);
    expect(findKeyMaterial([['export', JSON.stringify(lines)]], w.keys)).toEqual([]);
  });

  it('takes the incidents created in [since, until)', async () => {
    const w = world();
    const id = await w.incident('contained');
    const created = new Date((await w.incidents.get(id))!.createdAt);
    expect(await exported(w.prefix, new Date(created.getTime() + 1))).toEqual([]);
    expect(await exported(w.prefix, new Date(0), created)).toEqual([]);
    expect(
      (await exported(w.prefix, created, new Date(created.getTime() + 1))).map((l) => l.incident.id),
    ).toEqual([id]);
  });
});

describe('archiveExpiredIncidents', () => {
  const later = (days: number) => () => new Date(Date.now() + days * DAY);

  it('archives then removes every key and index entry of finished incidents past retention, and nothing else', async () => {
    const w = world();
    const contained = await w.incident('contained', { issue: 5, checkRunId: 90 });
    const closed = await w.incident('false-positive', { checkRunId: 91 });
    const open = await w.incident('open', { checkRunId: 90 });
    const human = await w.incident('needs-human');
    // Finished, but changed 300 days from now: within 400 days of the pass below.
    const recent = await w.incident('contained', {
      checkRunId: 90,
      containedAt: new Date(Date.now() + 300 * DAY),
    });
    await w.runs.markFollowUp(contained);
    await w.runs.markFollowUp(open);
    const keptBefore = await Promise.all(
      [open, human, recent].map((id) => readIncidentSnapshot(redis, id, { prefix: w.prefix })),
    );
    const archiveDir = join(mkdtempSync(join(tmpdir(), 'rg-archive-')), 'archive');

    const result = await archiveExpiredIncidents(redis, {
      prefix: w.prefix,
      retentionDays: 400,
      archiveDir,
      steps: STEP_NAMES,
      now: later(500),
    });

    expect(result).toMatchObject({ expired: 2, archived: 2, removed: 2, kept: 0 });
    const archive = readFileSync(result.archivePath!, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as IncidentArchiveLine);
    expect(archive.map((line) => line.incident.id)).toEqual([contained, closed]);
    expect(archive[0]!.runs[0]!.steps.length).toBe(2);
    expect(readdirSync(archiveDir)).toEqual([result.archivePath!.split('/').at(-1)]);
    const left = (await valuesUnder(redis, w.prefix)).join('\n');
    for (const id of [contained, closed]) expect(left).not.toContain(id);
    expect(await w.incidents.list()).toEqual([open, human, recent]);
    expect(await w.runs.followUps()).toEqual([open]);
    expect(await w.reports.incidentForIssue('acme/incidents', 5)).toBeUndefined();
    expect(await w.reports.incidentsForCheckRun('acme/api', 90)).toEqual([open, recent].sort());
    expect(await redis.exists(`${w.prefix}:check-run:acme/api#91`)).toBe(0);
    const keptAfter = await Promise.all(
      [open, human, recent].map((id) => readIncidentSnapshot(redis, id, { prefix: w.prefix })),
    );
    expect(keptAfter).toEqual(keptBefore);
    expect(findKeyMaterial([['archive', JSON.stringify(archive)]], w.keys)).toEqual([]);

    // A second pass finds nothing more.
    expect(
      await archiveExpiredIncidents(redis, {
        prefix: w.prefix,
        retentionDays: 400,
        archiveDir,
        now: later(500),
      }),
    ).toEqual({
      expired: 0,
      archived: 0,
      removed: 0,
      kept: 0,
      refused: 0,
    });
  });

  it('removes nothing when the archive cannot be written', async () => {
    const w = world();
    await w.incident('contained');
    await w.incident('false-positive');
    const before = await dump(w.prefix);
    const notADirectory = join(mkdtempSync(join(tmpdir(), 'rg-archive-')), 'file');
    writeFileSync(notADirectory, 'x');
    const pass = archiveExpiredIncidents(redis, {
      prefix: w.prefix,
      retentionDays: 1,
      archiveDir: join(notADirectory, 'archive'),
      now: later(2),
    });
    await expect(pass).rejects.toBeInstanceOf(IncidentError);
    await expect(pass).rejects.toMatchObject({
      code: 'archive-failed',
      message: /ENOTDIR.*nothing was removed/,
    });
    expect(await dump(w.prefix)).toEqual(before);
  });

  it('removes nothing without an archive directory, and keeps an incident that changed after it was archived', async () => {
    const w = world();
    const quiet = await w.incident('contained');
    const busy = await w.incident('contained');
    const before = await dump(w.prefix);
    expect(
      await archiveExpiredIncidents(redis, {
        prefix: w.prefix,
        retentionDays: 1,
        archiveDir: undefined,
        now: later(2),
      }),
    ).toEqual({ expired: 2, archived: 0, removed: 0, kept: 0, refused: 0 });
    expect(await dump(w.prefix)).toEqual(before);

    const result = await archiveExpiredIncidents(redis, {
      prefix: w.prefix,
      retentionDays: 1,
      archiveDir: mkdtempSync(join(tmpdir(), 'rg-archive-')),
      now: later(2),
      // The key is seen again while the archive is written: that incident must stay.
      writeArchive: async (dir, name, lines) => {
        await w.runs.appendTimeline(busy, {
          at: new Date().toISOString(),
          run: 1,
          event: 'seen-again',
          text: 'again',
        });
        return join(dir, `${name} (${lines.length} lines)`);
      },
    });
    expect(result).toMatchObject({ expired: 2, archived: 2, removed: 1, kept: 1 });
    expect(await w.incidents.list()).toEqual([busy]);
    expect(await w.incidents.get(quiet)).toBeUndefined();
  });

  it('never archives key material: an incident holding a key (written around the stores) stays', async () => {
    const w = world();
    const tainted = await w.incident('contained');
    const clean = await w.incident('contained');
    const key = gen.rootKey();
    await redis.hset(`${w.prefix}:incident:${tainted}:reports`, 'sent:oops', key);
    const archiveDir = mkdtempSync(join(tmpdir(), 'rg-archive-'));
    const result = await archiveExpiredIncidents(redis, {
      prefix: w.prefix,
      retentionDays: 1,
      archiveDir,
      now: later(2),
    });
    expect(result).toMatchObject({ expired: 2, archived: 1, removed: 1, refused: 1 });
    expect(await w.incidents.list()).toEqual([tainted]);
    expect(await w.incidents.get(clean)).toBeUndefined();
    expect(findKeyMaterial([['archive', readFileSync(result.archivePath!, 'utf8')]], [key])).toEqual([]);
  });
});
