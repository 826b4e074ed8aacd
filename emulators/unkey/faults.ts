// Fault injection per operation (or '*'): a 500, a 429 with Retry-After, added latency, a change
// applied and then the connection dropped before any answer, Unkey's 403 `forbidden` with a
// detail (a key's rate or usage limit), or an error type Unkey may add later, `times` times.

/**
 * What a fault does. `forbidden`: 403 `authorization/forbidden` with `detail` (Unkey answers a
 * key's rate limit `Rate limit exceeded` and its usage limit `Key usage limit exceeded.` so);
 * `unknown-error`: `status` with an error `type` rootguard does not know.
 */
export type UnkeyFaultKind =
  'server-error' | 'rate-limit' | 'latency' | 'drop-after-apply' | 'forbidden' | 'unknown-error';

/** A fault added with `emulator.fault(op, spec)`. */
export interface UnkeyFaultSpec {
  kind: UnkeyFaultKind;
  /** How many matching requests it hits. @defaultValue 1 */
  times?: number;
  /** Seconds in `Retry-After`, for `rate-limit`. @defaultValue 1 */
  retryAfterSeconds?: number;
  /** Delay, for `latency`. @defaultValue 100 */
  ms?: number;
  /**
   * For `latency`: hold the request until this settles, instead of `ms` (a test releases it once
   * it has done what must happen while the request is in flight).
   */
  until?: Promise<unknown>;
  /** The error detail, for `forbidden` and `unknown-error`. @defaultValue 'Forbidden' */
  detail?: string;
  /** The status, for `unknown-error` (default 403) and `server-error` (default 500). */
  status?: number;
  /** The error type, for `unknown-error`. @defaultValue …/unkey/authorization/not_yet_known */
  type?: string;
}

/** The active faults. */
export class UnkeyFaults {
  readonly #rules: { op: string; spec: UnkeyFaultSpec; left: number }[] = [];

  add(op: string, spec: UnkeyFaultSpec): void {
    this.#rules.push({ op, spec, left: spec.times ?? 1 });
  }

  clear(): void {
    this.#rules.length = 0;
  }

  /** Takes (and counts) every fault that matches the operation. */
  take(op: string): UnkeyFaultSpec[] {
    const hits: UnkeyFaultSpec[] = [];
    for (const rule of this.#rules) {
      if (rule.left <= 0 || (rule.op !== '*' && rule.op !== op)) continue;
      rule.left--;
      hits.push(rule.spec);
    }
    return hits;
  }
}
