// Fault injection per operation (or '*'): a 500, a 429 with Retry-After, added latency, or a
// change applied and then the connection dropped before any answer, `times` times.

/** What a fault does. */
export type UnkeyFaultKind = 'server-error' | 'rate-limit' | 'latency' | 'drop-after-apply';

/** A fault added with `emulator.fault(op, spec)`. */
export interface UnkeyFaultSpec {
  kind: UnkeyFaultKind;
  /** How many matching requests it hits. @defaultValue 1 */
  times?: number;
  /** Seconds in `Retry-After`, for `rate-limit`. @defaultValue 1 */
  retryAfterSeconds?: number;
  /** Delay, for `latency`. @defaultValue 100 */
  ms?: number;
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
