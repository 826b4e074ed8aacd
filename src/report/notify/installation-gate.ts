import type { RedisClient } from '../../redis/redis-client.js';
import { InstallationLane } from '../../github/installation-lane.js';
import { NotifyWait } from './notify-wait.js';

/** Options of {@link InstallationGate}. */
export interface InstallationGateOptions {
  readonly prefix?: string;
  /** The least time between two report requests to one installation, over all workers. @defaultValue 1000 */
  readonly intervalMs?: number;
  /** A wait up to this long for a free slot happens in-process; a longer one parks the job. @defaultValue 3000 */
  readonly maxInlineWaitMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/**
 * The reporters' lane (`InstallationLane` named `reports`): every report request takes a slot,
 * and a wait (GitHub's rate limit, or a long one for a slot) throws `NotifyWait` so the worker
 * parks the job. Containment never passes through here; only reports do.
 */
export class InstallationGate extends InstallationLane {
  constructor(redis: RedisClient, options: InstallationGateOptions = {}) {
    super(redis, {
      ...options,
      lane: 'reports',
      waitError: (until, reason) => new NotifyWait(until, reason),
    });
  }
}
