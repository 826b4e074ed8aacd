import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createQueues, type RootguardQueues } from '../../queue/queues.js';
import { logRedisErrors } from './log-redis-errors.js';

/** The runtime's queues on the producer connection, each with its errors logged (not printed). */
export function openQueues(redis: Redis, prefix: string, log: Logger): RootguardQueues {
  const queues = createQueues({ connection: redis, prefix });
  queues.scan.on('error', logRedisErrors(log, 'scan queue'));
  queues.playbook.on('error', logRedisErrors(log, 'playbook queue'));
  queues.notify.on('error', logRedisErrors(log, 'notify queue'));
  queues.command.on('error', logRedisErrors(log, 'command queue'));
  return queues;
}
