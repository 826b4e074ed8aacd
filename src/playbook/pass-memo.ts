/** Runs `load` once per key and hands every caller the same promise. */
export type PassMemo = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/**
 * A memo for one pass of a job over the playbook: a read started early (a prefetch) and awaited
 * later by the step that needs it is made once. Kept in memory only, for one pass (a retry
 * reads again). A failed read is the awaiting step's error, never an unhandled rejection.
 */
export function createPassMemo(): PassMemo {
  const started = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let pending = started.get(key) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = load();
      // Whoever awaits it sees the error; a prefetch nobody awaited must not crash the process.
      pending.catch(() => undefined);
      started.set(key, pending);
    }
    return pending;
  };
}
