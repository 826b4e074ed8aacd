import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentKeys } from '../../src/incidents/incident-keys.js';
import { countIncidentsByStatus } from '../../src/incidents/list-incidents.js';
import { deleteUnder, TEST_REDIS_URL, uniquePrefix } from './redis-fixture.js';

let redis: Redis;
const prefix = uniquePrefix('count-status');

beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
});

afterAll(async () => {
  await deleteUnder(redis, prefix);
  await redis.quit();
});

describe('countIncidentsByStatus', () => {
  it('counts every incident of the index by status, over more than one page, an absent status as open', async () => {
    const index = incidentKeys(prefix, '').index;
    const multi = redis.multi();
    // 501 contained (more than one page of 500), 2 needing a human, 1 stored before status existed.
    const statuses = [
      ...Array.from({ length: 501 }, () => 'contained'),
      'needs-human',
      'needs-human',
      undefined,
    ];
    statuses.forEach((status, i) => {
      const id = `inc_count${i}`;
      multi.zadd(index, i, id);
      multi.hset(incidentKeys(prefix, id).incident, { id, ...(status ? { status } : {}) });
    });
    await multi.exec();

    expect(await countIncidentsByStatus(redis, { prefix })).toEqual({
      contained: 501,
      'needs-human': 2,
      open: 1,
    });
  });

  it('is empty for an empty store', async () => {
    expect(await countIncidentsByStatus(redis, { prefix: uniquePrefix('count-empty') })).toEqual({});
  });
});
