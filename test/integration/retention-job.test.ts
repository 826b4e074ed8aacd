import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../emulators/github/github-emulator.js';
import { startRuntime } from '../../src/cli/runtime/start-runtime.js';
import type { IncidentArchiveLine } from '../../src/incidents/incident-archive.js';
import { IncidentStore } from '../../src/incidents/incident-store.js';
import { RunStore } from '../../src/incidents/run-store.js';
import { createLogger } from '../../src/log/create-logger.js';
import { STEP_NAMES } from '../../src/playbook/step-names.js';
import {
  RETENTION_JOB_NAME,
  RETENTION_PATTERN,
  RETENTION_QUEUE,
  RETENTION_SCHEDULER_ID,
} from '../../src/queue/retention-job.js';
import { deleteUnder, recordCommitIncident } from '../incidents/redis-fixture.js';
import { KeyGenerator } from '../support/keygen.js';
import { REDIS_URL } from './harness.js';

const DAY = 86_400_000;

describe('the daily retention job', () => {
  let emulator: GitHubEmulator;
  let redis: Redis;
  const prefix = `rg-test-scale-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    emulator = await startGitHubEmulator();
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await deleteUnder(redis, prefix);
    await redis.quit();
    await emulator.close();
  });

  it('is scheduled daily by a worker process and archives then removes finished incidents past retention', async () => {
    const gen = new KeyGenerator(16_500);
    const longAgo = new Date(Date.now() - 10 * DAY);
    const incidents = new IncidentStore(redis, { prefix, now: () => longAgo });
    const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
    const finished = await recordCommitIncident(incidents, gen.rootKey());
    const run = await runs.startRun(finished, 1, longAgo);
    await runs.finishRun(
      finished,
      { ...run, finishedAt: longAgo.toISOString() },
      { status: 'contained', containedAt: longAgo.toISOString() },
      { at: longAgo.toISOString(), run: 1, event: 'run-finished', text: 'contained' },
    );
    const open = await recordCommitIncident(incidents, gen.rootKey());
    const archiveDir = mkdtempSync(join(tmpdir(), 'rg-retention-'));
    const runtime = await startRuntime({
      role: 'worker',
      env: {
        APP_ID: String(emulator.appId),
        PRIVATE_KEY: emulator.privateKeyPem,
        GITHUB_API_URL: emulator.url,
        ROOTGUARD_APP_SLUG: 'rootguard',
        ROOTGUARD_ALLOW_VOLATILE_REDIS: '1',
        ROOTGUARD_WORKERS: 'retention',
        ROOTGUARD_INCIDENT_RETENTION_DAYS: '7',
        ROOTGUARD_ARCHIVE_DIR: archiveDir,
      },
      prefix,
      log: createLogger({ level: 'silent' }),
    });
    const queue = new Queue(RETENTION_QUEUE, { connection: redis, prefix });
    try {
      expect([...runtime.workers.keys()]).toEqual(['retention']);
      expect(await queue.getJobScheduler(RETENTION_SCHEDULER_ID)).toMatchObject({
        name: RETENTION_JOB_NAME,
        pattern: RETENTION_PATTERN,
        tz: 'UTC',
      });
      // Today's run, now rather than at 04:00.
      const job = await queue.add(RETENTION_JOB_NAME, {});
      await expect
        .poll(async () => (await queue.getJob(job.id!))?.returnvalue, { timeout: 15_000 })
        .toMatchObject({
          expired: 1,
          archived: 1,
          removed: 1,
        });
      expect(await incidents.list()).toEqual([open]);
      const [file] = readdirSync(archiveDir);
      const lines = readFileSync(join(archiveDir, file!), 'utf8').trimEnd().split('\n');
      expect(lines.map((line) => (JSON.parse(line) as IncidentArchiveLine).incident.id)).toEqual([finished]);
    } finally {
      await queue.close();
      await runtime.close();
    }
  });
});
