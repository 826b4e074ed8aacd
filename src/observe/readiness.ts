/** One readiness check's state: `ok`, `failing`, or `off` (not configured, so not required). */
export type CheckState = 'ok' | 'failing' | 'off';

/** What a check found. `detail`: one secret-free sentence, for the operator. */
export interface CheckResult {
  readonly state: CheckState;
  readonly detail?: string;
}

/** A named readiness check. */
export interface ReadinessCheck {
  /** `redis`, `github-app`, `unkey-responder`, `config`: the key in `/readyz`'s body. */
  readonly name: string;
  run(): Promise<CheckResult>;
}

/** `/readyz`'s body: ready when no check fails. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, CheckResult>>;
}

/** How long a check may take before it counts as failing (a probe must answer in time). */
export const CHECK_TIMEOUT_MS = 3_000;

/**
 * Runs every check at once, each within `timeoutMs`; a check that throws or times out is
 * `failing` with a generic detail (its error text is not echoed: it may name a URL or a host).
 */
export async function checkReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (check): Promise<readonly [string, CheckResult]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<CheckResult>((resolve) => {
        timer = setTimeout(
          () => resolve({ state: 'failing', detail: `no answer within ${timeoutMs} ms` }),
          timeoutMs,
        );
      });
      try {
        const result = await Promise.race([
          check.run().catch((): CheckResult => ({ state: 'failing', detail: 'the check threw an error' })),
          timeout,
        ]);
        return [check.name, result];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const checksByName = Object.fromEntries(results);
  return { ready: results.every(([, r]) => r.state !== 'failing'), checks: checksByName };
}

/** How long a failing result is kept at most, so a recovery shows within seconds. */
export const FAILING_TTL_MS = 10_000;

/**
 * A check whose result is kept for `ttlMs` (probes come every few seconds; GitHub and Unkey should
 * not be asked that often), a failing one for at most {@link FAILING_TTL_MS}. Concurrent runs
 * share one call. A thrown error is not kept.
 */
export function cachedCheck(
  check: ReadinessCheck,
  ttlMs: number,
  now: () => number = Date.now,
): ReadinessCheck {
  let kept: { readonly result: CheckResult; readonly at: number } | undefined;
  const keptFor = (result: CheckResult) =>
    result.state === 'failing' ? Math.min(ttlMs, FAILING_TTL_MS) : ttlMs;
  let running: Promise<CheckResult> | undefined;
  return {
    name: check.name,
    run() {
      if (kept && now() - kept.at < keptFor(kept.result)) return Promise.resolve(kept.result);
      running ??= check
        .run()
        .then((result) => {
          kept = { result, at: now() };
          return result;
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
  };
}
