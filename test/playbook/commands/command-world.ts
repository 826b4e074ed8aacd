// Real Redis under a fresh prefix for the command tests: the stores, a playbook queue, a GitHub
// client answered by nock, and recorded notifications. `dispose` leaves nothing behind.
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { IncidentStore } from '../../../src/incidents/incident-store.js';
import type { IncidentStatus } from '../../../src/incidents/incident.js';
import { ReportStore } from '../../../src/incidents/report-store.js';
import { RunStore } from '../../../src/incidents/run-store.js';
import { STEP_NAMES } from '../../../src/playbook/step-names.js';
import type { StepOutcome, StepRecord } from '../../../src/incidents/step-record.js';
import type { StepName } from '../../../src/playbook/step-names.js';
import type { CommandDependencies } from '../../../src/playbook/commands/command-dependencies.js';
import { postCommandAnswer } from '../../../src/report/command-answer/post-command-answer.js';
import type { NotifyRequest } from '../../../src/queue/notify-job.js';
import type { PlaybookJob } from '../../../src/queue/playbook-job.js';
import { PLAYBOOK_QUEUE } from '../../../src/queue/queues.js';
import { testClient } from '../../github/octokit.js';
import {
  deleteUnder,
  recordCommitIncident,
  TEST_REDIS_URL,
  uniquePrefix,
} from '../../incidents/redis-fixture.js';
import { KeyGenerator } from '../../support/keygen.js';

/** The clock of every command test. */
export const NOW = new Date('2026-11-27T12:00:00Z');
const STARTED = '2026-11-27T11:00:00.000Z';

/** A step as a test sets it up: an outcome, or `running` (no outcome yet). */
export type SeededStep = StepOutcome | 'running';

export async function openCommandWorld(seed: number) {
  const redis = new Redis(TEST_REDIS_URL);
  const prefix = uniquePrefix('command');
  const incidents = new IncidentStore(redis, { prefix });
  const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
  const reports = new ReportStore(redis, { prefix });
  const playbookQueue = new Queue<PlaybookJob>(PLAYBOOK_QUEUE, { connection: redis, prefix });
  const notified: NotifyRequest[] = [];
  const client = testClient();
  const gen = new KeyGenerator(seed);
  const deps: CommandDependencies = {
    incidents,
    runs,
    reports,
    playbookQueue,
    auth: async () => client,
    clientFor: async () => client,
    notify: async (job) => void notified.push(job),
    postAnswer: postCommandAnswer,
    log: pino({ level: 'silent' }),
    now: () => NOW,
  };
  const workers: Worker[] = [];
  return {
    redis,
    prefix,
    deps,
    incidents,
    runs,
    reports,
    playbookQueue,
    notified,
    /** A recorded incident with run 1 holding `steps` (in order), and `status`. */
    async incident(
      steps: Partial<Record<StepName, SeededStep>>,
      options: { status?: IncidentStatus; finished?: boolean } = {},
    ): Promise<string> {
      const id = await recordCommitIncident(incidents, gen.rootKey());
      const run = await runs.startRun(id, 1, new Date(STARTED));
      for (const [step, outcome] of Object.entries(steps) as [StepName, SeededStep][])
        await runs.saveStep(id, 1, seededRecord(step, outcome));
      if (options.finished) await runs.updateRun(id, { ...run, finishedAt: '2026-11-27T11:05:00.000Z' });
      if (options.status) await runs.updateIncident(id, { status: options.status });
      return id;
    },
    /** The incident's playbook job, parked as delayed (waiting for an approval). */
    async delayedJob(incidentId: string) {
      return playbookQueue.add(
        'playbook',
        { incidentId },
        { jobId: incidentId, delay: 3_600_000, attempts: 12 },
      );
    },
    /** The incident's playbook job, failed for good by a worker (attempts spent). */
    async failedJob(incidentId: string) {
      await playbookQueue.add('playbook', { incidentId }, { jobId: incidentId, attempts: 1 });
      const worker = new Worker<PlaybookJob>(
        PLAYBOOK_QUEUE,
        async () => {
          throw new UnrecoverableError('Unkey answered 500');
        },
        { connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null }, prefix },
      );
      workers.push(worker);
      await new Promise<void>((resolve) => worker.on('failed', () => resolve()));
      await worker.close();
    },
    /** The incident's playbook job, held active by a worker until `release` is called. */
    async activeJob(incidentId: string): Promise<() => Promise<void>> {
      let release = () => undefined as void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await playbookQueue.add('playbook', { incidentId }, { jobId: incidentId });
      const worker = new Worker<PlaybookJob>(PLAYBOOK_QUEUE, () => held, {
        connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
        prefix,
      });
      workers.push(worker);
      await new Promise<void>((resolve) => worker.on('active', () => resolve()));
      return async () => {
        release();
        await worker.close();
      };
    },
    async dispose() {
      for (const worker of workers) await worker.close();
      await playbookQueue.obliterate({ force: true });
      await playbookQueue.close();
      await deleteUnder(redis, prefix);
      await redis.quit();
    },
  };
}

export type CommandWorld = Awaited<ReturnType<typeof openCommandWorld>>;

/** A step record as a run would hold it: `failed` carries its error in the detail. */
function seededRecord(step: StepName, outcome: SeededStep): StepRecord<StepName> {
  const base = { step, startedAt: STARTED, detail: { checkpoint: `${step}-progress` } };
  if (outcome === 'running') return { ...base, summary: 'running' };
  return {
    ...base,
    outcome,
    summary: `${step} ${outcome}`,
    finishedAt: '2026-11-27T11:01:00.000Z',
    durationMs: 60_000,
    ...(outcome === 'failed'
      ? { detail: { ...base.detail, error: 'Unkey answered 500' }, instruction: 'finish it by hand' }
      : {}),
  };
}
