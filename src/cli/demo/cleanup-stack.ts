/**
 * What the demo must undo, last opened first. `run()` runs each step once, whoever calls it
 * first (the normal end, a failure, or Ctrl-C), and goes on past a step that fails.
 */
export class CleanupStack {
  readonly #steps: (() => Promise<unknown>)[] = [];
  #running: Promise<void> | undefined;

  /** Adds a step, run before every step added earlier. */
  push(step: () => Promise<unknown>): void {
    this.#steps.unshift(step);
  }

  /** Runs every step once; later calls wait for the same run. */
  run(): Promise<void> {
    this.#running ??= (async () => {
      for (const step of this.#steps.splice(0)) await step().catch(() => undefined);
    })();
    return this.#running;
  }
}
