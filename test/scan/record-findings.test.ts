import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { maskKey } from '../../src/detect/mask.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { IncidentStore } from '../../src/incidents/incident-store.js';
import { ReportStore } from '../../src/incidents/report-store.js';
import { RunStore } from '../../src/incidents/run-store.js';
import { STEP_NAMES } from '../../src/playbook/step-names.js';
import { recordFindings } from '../../src/scan/record-findings.js';
import {
  deleteUnder,
  recordCommitIncident,
  TEST_REDIS_URL,
  uniquePrefix,
} from '../incidents/redis-fixture.js';
import { KeyGenerator } from '../support/keygen.js';
import { commitAt, hex, sourceFinding } from '../support/source-findings.js';

const prefix = uniquePrefix('record');
let redis: Redis;
beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  await deleteUnder(redis, prefix);
  await redis.quit();
});

describe('recordFindings', () => {
  it('allows a key closed as a false positive by its fingerprint: not recorded, no playbook', async () => {
    const gen = new KeyGenerator(5901);
    const [closedKey, liveKey] = [gen.rootKey(), gen.rootKey()];
    const incidents = new IncidentStore(redis, { prefix });
    const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
    const reports = new ReportStore(redis, { prefix });
    const closed = await recordCommitIncident(incidents, closedKey);
    await runs.updateIncident(closed, { status: 'false-positive', falsePositiveBy: 'octocat' });
    const issue = { repo: 'acme/security', number: 7, url: 'https://github.com/acme/security/issues/7' };
    await reports.setIssue(closed, issue);
    const queued: string[] = [];
    const commit = hex(gen);
    const findings = [
      sourceFinding(closedKey, 'unkey-root-key', commitAt(commit, 'test/a.env', 1)),
      sourceFinding(liveKey, 'unkey-root-key', commitAt(commit, 'src/b.ts', 2)),
      sourceFinding(closedKey, 'unkey-root-key', commitAt(commit, 'test/c.env', 3)),
    ];

    const recorded = await recordFindings(
      {
        incidents,
        reports,
        enqueuePlaybook: async (id) => void queued.push(id),
        log: pino({ level: 'silent' }),
      },
      findings,
      { foundBy: 'push', repoPublic: false, deliveryId: 'd-1' },
    );

    const live = incidentIdFor(fingerprintKey(liveKey));
    expect(recorded.incidents).toEqual(new Map([[fingerprintKey(liveKey), live]]));
    expect(recorded.allowed).toEqual([
      { finding: findings[0], incidentId: closed, markedBy: 'octocat', issue },
      { finding: findings[2], incidentId: closed, markedBy: 'octocat', issue },
    ]);
    expect(queued).toEqual([live]);
    expect(await incidents.get(closed)).toMatchObject({
      occurrenceCount: 1,
      revision: 1,
      status: 'false-positive',
    });
    expect(await incidents.get(live)).toMatchObject({ occurrenceCount: 1, status: 'open' });
  });

  it('records and queues every other finding when one cannot be stored, then names the failure', async () => {
    const gen = new KeyGenerator(5902);
    const [failing, first, last] = [gen.rootKey(), gen.rootKey(), gen.rootKey()];
    const store = new IncidentStore(redis, { prefix });
    const failingId = incidentIdFor(fingerprintKey(failing));
    // A store that refuses one occurrence, as it refuses anything key-shaped.
    const incidents = new Proxy(store, {
      get(target, property) {
        if (property === 'recordOccurrence')
          return async (input: Parameters<IncidentStore['recordOccurrence']>[0]) => {
            if (input.fingerprint === fingerprintKey(failing)) throw new Error('refused');
            return target.recordOccurrence(input);
          };
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const queued: string[] = [];
    const commit = hex(gen);
    const findings = [
      sourceFinding(first, 'unkey-root-key', commitAt(commit, 'a.env', 1)),
      sourceFinding(failing, 'unkey-root-key', commitAt(commit, 'b.env', 1)),
      sourceFinding(last, 'unkey-root-key', commitAt(commit, 'c.env', 1)),
    ];
    const recording = recordFindings(
      { incidents, enqueuePlaybook: async (id) => void queued.push(id), log: pino({ level: 'silent' }) },
      findings,
      { foundBy: 'push', repoPublic: false, deliveryId: 'd-2' },
    );
    await expect(recording).rejects.toMatchObject({
      name: 'RecordFindingsError',
      failures: [{ incidentId: failingId, masked: maskKey(failing), reason: 'refused' }],
    });
    const recorded = [first, last].map((key) => incidentIdFor(fingerprintKey(key)));
    expect(queued).toEqual(recorded);
    for (const id of recorded) expect(await store.get(id)).toMatchObject({ occurrenceCount: 1 });
  });
});
