import type { RedisClient } from '../redis/redis-client.js';

/** Options of {@link InstallationLane}. */
export interface InstallationLaneOptions {
  /** Redis key prefix. @defaultValue 'rootguard' */
  readonly prefix?: string;
  /** The lane's name in its Redis keys (`<prefix>:<lane>:slot|limit:<installation>`). */
  readonly lane: string;
  /** The least time between two requests that take a slot, over every process. @defaultValue 1000 */
  readonly intervalMs?: number;
  /**
   * Only writes (POST, PUT, PATCH, DELETE) take a slot; reads only respect a limit in force.
   * @defaultValue false: every request takes a slot
   */
  readonly spaceWritesOnly?: boolean;
  /** A wait up to this long for a free slot happens in-process; a longer one throws `waitError`. @defaultValue 3000 */
  readonly maxInlineWaitMs?: number;
  /** The error thrown while a limit is in force (or the wait for a slot would be long). */
  readonly waitError: (until: number, reason: string) => Error;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

// KEYS[1] the installation's limit (set while GitHub's rate limit is in force), KEYS[2] its slot.
// ARGV[1] the slot's length (ms), ARGV[2] '1' when the request takes a slot.
// Returns {0, 0} when the caller may send, {1, ms} while a limit is in force, {2, ms} while the slot is taken.
const PASS_LUA = `
local limit = redis.call('PTTL', KEYS[1])
if limit > 0 then return {1, limit} end
if ARGV[2] ~= '1' then return {0, 0} end
if redis.call('SET', KEYS[2], '1', 'PX', ARGV[1], 'NX') then return {0, 0} end
return {2, redis.call('PTTL', KEYS[2])}
`;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * One lane of GitHub requests per App installation, shared by every process through Redis (keys
 * with expiry, so nothing stays behind): requests are spaced `intervalMs` apart, and none goes
 * while GitHub's rate limit is in force (the request that met it is the last until it lifts).
 * Each kind of work has its own lane (reports, the playbook), so no lane waits behind another.
 */
export class InstallationLane {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #lane: string;
  readonly #intervalMs: number;
  readonly #spaceWritesOnly: boolean;
  readonly #maxInlineWaitMs: number;
  readonly #waitError: (until: number, reason: string) => Error;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(redis: RedisClient, options: InstallationLaneOptions) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'rootguard';
    this.#lane = options.lane;
    this.#intervalMs = options.intervalMs ?? 1_000;
    this.#spaceWritesOnly = options.spaceWritesOnly ?? false;
    this.#maxInlineWaitMs = options.maxInlineWaitMs ?? 3_000;
    this.#waitError = options.waitError;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
  }

  /**
   * Returns when a request (of `method`) to the installation may go: at once, or after a short
   * wait for the next slot. Throws `waitError` while a rate limit is in force (or the wait would be long).
   */
  async pass(installationId: number, method = 'GET'): Promise<void> {
    const takesSlot = !this.#spaceWritesOnly || WRITES.has(method.toUpperCase());
    let waited = 0;
    for (;;) {
      const [state, ms] = (await this.#redis.eval(
        PASS_LUA,
        2,
        this.#key('limit', installationId),
        this.#key('slot', installationId),
        String(this.#intervalMs),
        takesSlot ? '1' : '0',
      )) as [number, number];
      if (state === 0) return;
      if (state === 1)
        throw this.#waitError(this.#now() + ms, `GitHub's rate limit for installation ${installationId}`);
      if (waited + ms > this.#maxInlineWaitMs)
        throw this.#waitError(this.#now() + ms, `the ${this.#lane} slot of installation ${installationId}`);
      await this.#sleep(Math.max(ms, 10));
      waited += Math.max(ms, 10);
    }
  }

  /** GitHub said to wait `ms`: no request of this lane goes to the installation until then. */
  async block(installationId: number, ms: number): Promise<void> {
    const key = this.#key('limit', installationId);
    // Keep the later of two limits.
    const left = await this.#redis.pttl(key);
    if (left < ms) await this.#redis.set(key, '1', 'PX', Math.max(1, Math.ceil(ms)));
  }

  #key(kind: 'limit' | 'slot', installationId: number): string {
    return `${this.#prefix}:${this.#lane}:${kind}:${installationId}`;
  }
}
