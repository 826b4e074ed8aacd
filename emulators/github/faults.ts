// Fault injection: requests matching a rule get a 5xx, a (secondary) rate limit, a delay, an
// already expired download link, or a dropped connection, `times` times.

/** What a fault does. */
export type FaultKind =
  | 'server-error'
  | 'secondary-rate-limit'
  | 'rate-limit'
  | 'slow'
  | 'expire-download'
  | 'drop'
  /** 404 Not Found, as GitHub answers for a job's log in the seconds after the job completes. */
  | 'not-found';

/** A rule added with `emulator.faults.add`. */
export interface FaultRule {
  /** @defaultValue any method */
  method?: string;
  /** Exact request path (no query), or a RegExp tested against it. */
  path: string | RegExp;
  /** How many matching requests it hits. @defaultValue 1 */
  times?: number;
  kind: FaultKind;
  /** For `server-error`. @defaultValue 500 */
  status?: 500 | 502 | 503;
  /** Seconds, for the rate limits. @defaultValue 60 */
  retryAfter?: number;
  /** For `slow`. @defaultValue 1000 */
  delayMs?: number;
}

/** GitHub's message for a secondary rate limit. */
export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
  'If you reach out to GitHub Support for help, please include the request ID';

/** The active fault rules. */
export class Faults {
  readonly #rules: { rule: FaultRule; left: number }[] = [];

  add(rule: FaultRule): void {
    this.#rules.push({ rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.#rules.length = 0;
  }

  /** Takes (and counts) every rule that matches this request. */
  take(method: string, path: string): FaultRule[] {
    const hits: FaultRule[] = [];
    for (const entry of this.#rules) {
      const { rule } = entry;
      if (entry.left <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (typeof rule.path === 'string' ? rule.path !== path : !rule.path.test(path)) continue;
      entry.left--;
      hits.push(rule);
    }
    return hits;
  }
}
