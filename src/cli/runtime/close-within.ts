/** One thing a runtime closes: gracefully, or at once when the grace is over. */
export interface Closable {
  /** For the log line naming what had to be forced. */
  readonly name: string;
  /** Stops taking work and waits for the work in hand (a step, a request) to finish. */
  close(): Promise<unknown>;
  /** Gives up on the work in hand at once: drop connections (a job's lock then lapses). */
  force(): void;
}

/**
 * The part of the grace left for forcing, at most: long enough to drop sockets and connections,
 * short enough that most of the grace goes to letting steps finish.
 */
export const FORCE_WINDOW_MS = 2_000;

/** What {@link closeWithin} had to do. */
export interface CloseWithinResult {
  /** Names of what was still closing when the grace ran out, and was forced. */
  readonly forced: readonly string[];
}

/**
 * Closes `stages` in order (the closables of a stage at once), within `graceMs` in all: when the
 * graceful close has not finished `FORCE_WINDOW_MS` (or half the grace) before the end, every
 * closable not yet closed is forced, and the result comes at the latest half that window later,
 * whatever is still hanging (a request that ignores its abort, a Redis that never answers).
 */
export async function closeWithin(
  stages: readonly (readonly Closable[])[],
  graceMs: number,
): Promise<CloseWithinResult> {
  const window = Math.min(FORCE_WINDOW_MS, graceMs / 2);
  const closed = new Set<Closable>();
  let forcing = false;
  const graceful = (async () => {
    for (const stage of stages) {
      if (forcing) return;
      await Promise.all(
        stage.map(async (closable) => {
          await closable.close().catch(() => undefined);
          closed.add(closable);
        }),
      );
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const later = (ms: number) =>
    new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), ms);
    });
  const first = await Promise.race([graceful.then(() => 'done' as const), later(graceMs - window)]);
  clearTimeout(timer);
  if (first === 'done') return { forced: [] };
  forcing = true;
  const forced: string[] = [];
  for (const closable of stages.flat()) {
    if (closed.has(closable)) continue;
    forced.push(closable.name);
    try {
      closable.force();
    } catch {
      // Forcing is best effort: the process exits next.
    }
  }
  await Promise.race([graceful, later(window / 2)]);
  clearTimeout(timer);
  return { forced };
}
