import type { Redis } from 'ioredis';
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

// KEYS[1] the installation's limit (set while GitHub's rate limit is in force), KEYS[2] its slot.
// Returns {0, 0} when the caller may send, {1, ms} while a limit is in force, {2, ms} while the slot is taken.
const PASS_LUA = `
local limit = redis.call('PTTL', KEYS[1])
if limit > 0 then return {1, limit} end
if redis.call('SET', KEYS[2], '1', 'PX', ARGV[1], 'NX') then return {0, 0} end
return {2, redis.call('PTTL', KEYS[2])}
`;

/**
 * Spaces the reporters' requests per GitHub App installation across every worker process (Redis
 * keys with expiry, so nothing stays behind), and holds them all while GitHub's rate limit is in
 * force: the request that met the limit is the last one until it lifts. Containment never passes
 * through here; only reports do.
 */
export class InstallationGate {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #intervalMs: number;
  readonly #maxInlineWaitMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(redis: Redis, options: InstallationGateOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'rootguard';
    this.#intervalMs = options.intervalMs ?? 1_000;
    this.#maxInlineWaitMs = options.maxInlineWaitMs ?? 3_000;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
  }

  /**
   * Returns when a request to the installation may go: at once, or after a short wait for the
   * next slot. Throws `NotifyWait` while a rate limit is in force (or the wait would be long).
   */
  async pass(installationId: number): Promise<void> {
    let waited = 0;
    for (;;) {
      const [state, ms] = (await this.#redis.eval(
        PASS_LUA,
        2,
        this.#key('limit', installationId),
        this.#key('slot', installationId),
        String(this.#intervalMs),
      )) as [number, number];
      if (state === 0) return;
      if (state === 1)
        throw new NotifyWait(this.#now() + ms, `GitHub's rate limit for installation ${installationId}`);
      if (waited + ms > this.#maxInlineWaitMs)
        throw new NotifyWait(this.#now() + ms, `the report slot of installation ${installationId}`);
      await this.#sleep(Math.max(ms, 10));
      waited += Math.max(ms, 10);
    }
  }

  /** GitHub said to wait `ms`: no report request goes to the installation until then. */
  async block(installationId: number, ms: number): Promise<void> {
    const key = this.#key('limit', installationId);
    // Keep the later of two limits.
    const left = await this.#redis.pttl(key);
    if (left < ms) await this.#redis.set(key, '1', 'PX', Math.max(1, Math.ceil(ms)));
  }

  #key(kind: 'limit' | 'slot', installationId: number): string {
    return `${this.#prefix}:reports:${kind}:${installationId}`;
  }
}
