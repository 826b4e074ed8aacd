import { Queue } from 'bullmq';
import type { RedisClient } from '../redis/redis-client.js';
import type { CommandJob } from './command-job.js';
import type { NotifyJob } from './notify-job.js';
import type { PlaybookJob } from './playbook-job.js';
import type { ScanJob } from './scan-job.js';

/** The queue of scans: one job per webhook delivery. */
export const SCAN_QUEUE = 'scan';
/** The queue of leak playbooks: one job per incident. */
export const PLAYBOOK_QUEUE = 'playbook';
/** The queue of reports: one job per incident state to report (reporters: issue 5). */
export const NOTIFY_QUEUE = 'notify';
/** The queue of commands people give on incident issues and check runs: one job per delivery. */
export const COMMAND_QUEUE = 'command';
/** BullMQ's key prefix unless the caller gives one. */
export const DEFAULT_QUEUE_PREFIX = 'rootguard';

/** Options of `createQueues`. */
export interface CreateQueuesOptions {
  /** A `producer` connection from `createRedisConnection` (shared by the queues). */
  readonly connection: RedisClient;
  /** BullMQ's key prefix (tests pass a unique one). @defaultValue `rootguard` */
  readonly prefix?: string;
}

export interface RootguardQueues {
  readonly scan: Queue<ScanJob>;
  readonly playbook: Queue<PlaybookJob>;
  readonly notify: Queue<NotifyJob>;
  readonly command: Queue<CommandJob>;
  /** Closes the queues; the connection stays open (its owner closes it). */
  close(): Promise<void>;
}

/** The app's queues on one shared connection. */
export function createQueues(options: CreateQueuesOptions): RootguardQueues {
  const shared = { connection: options.connection, prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX };
  const scan = new Queue<ScanJob>(SCAN_QUEUE, shared);
  const playbook = new Queue<PlaybookJob>(PLAYBOOK_QUEUE, shared);
  const notify = new Queue<NotifyJob>(NOTIFY_QUEUE, shared);
  const command = new Queue<CommandJob>(COMMAND_QUEUE, shared);
  return {
    scan,
    playbook,
    notify,
    command,
    close: async () => {
      await Promise.all([scan.close(), playbook.close(), notify.close(), command.close()]);
    },
  };
}
