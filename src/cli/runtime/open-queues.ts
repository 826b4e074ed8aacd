import { Queue } from 'bullmq';
import type { RedisClient } from '../../redis/redis-client.js';
import type { Logger } from 'pino';
import { createQueues, type RootguardQueues } from '../../queue/queues.js';
import { RETENTION_QUEUE, scheduleRetention, type RetentionJob } from '../../queue/retention-job.js';
import { logRedisErrors } from './log-redis-errors.js';

/** The runtime's queues on the producer connection, each with its errors logged (not printed). */
export function openQueues(redis: RedisClient, prefix: string, log: Logger): RootguardQueues {
  const queues = createQueues({ connection: redis, prefix });
  queues.scan.on('error', logRedisErrors(log, 'scan queue'));
  queues.playbook.on('error', logRedisErrors(log, 'playbook queue'));
  queues.notify.on('error', logRedisErrors(log, 'notify queue'));
  queues.command.on('error', logRedisErrors(log, 'command queue'));
  return queues;
}

/**
 * The retention queue, with the daily retention job scheduled: every process that runs the
 * retention worker upserts the same scheduler, and BullMQ makes one job a day for all of them.
 */
export async function openRetentionQueue(
  redis: RedisClient,
  prefix: string,
  log: Logger,
): Promise<Queue<RetentionJob>> {
  const queue = new Queue<RetentionJob>(RETENTION_QUEUE, { connection: redis, prefix });
  queue.on('error', logRedisErrors(log, 'retention queue'));
  try {
    await scheduleRetention(queue);
  } catch (error) {
    await queue.close();
    throw error;
  }
  return queue;
}
