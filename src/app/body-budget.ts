/**
 * Webhook bodies read at once. Each one is held several times over while it is read, joined,
 * decoded and its signature checked, so a few are enough to keep GitHub's bursts moving.
 */
export const MAX_BODIES_IN_FLIGHT = 4;
/**
 * Bytes of webhook bodies (by `Content-Length`) read at once: one body at GitHub's 25 MB cap plus
 * small ones. With the copies made while reading, this keeps the receiver's peak well under
 * 512 MiB whatever is sent before the signature is checked.
 */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** Requests waiting for room. Beyond it the receiver answers 503 at once. */
export const MAX_WAITING_BODIES = 64;
/**
 * How long a request waits for room before it is answered 503. GitHub waits 10 s for an answer
 * and does not redeliver a failed delivery by itself, so a burst is absorbed by waiting rather
 * than refused; the bound keeps a flood from holding sockets open for long.
 */
export const BODY_WAIT_MS = 5_000;

/** Options of {@link BodyBudget}; the defaults are the constants above. */
export interface BodyBudgetOptions {
  /** @defaultValue {@link MAX_BODIES_IN_FLIGHT} */
  readonly maxBodies?: number;
  /** @defaultValue {@link MAX_BUFFERED_BYTES} */
  readonly maxBytes?: number;
  /** @defaultValue {@link MAX_WAITING_BODIES} */
  readonly maxWaiting?: number;
  /** @defaultValue {@link BODY_WAIT_MS} */
  readonly waitMs?: number;
}

interface Waiter {
  readonly bytes: number;
  readonly grant: (release: () => void) => void;
}

/**
 * Admission for webhook bodies before they are read: at most `maxBodies` bodies and `maxBytes`
 * bytes in flight; others wait in order (their bytes stay in the kernel, since an unread request
 * is not pulled off its socket) up to `waitMs`, and are refused when too many already wait. A
 * body larger than `maxBytes` is admitted alone. Counts the peaks, for tests and the bench.
 */
export class BodyBudget {
  readonly maxBodies: number;
  readonly maxBytes: number;
  readonly maxWaiting: number;
  readonly waitMs: number;
  private bodies = 0;
  private bytes = 0;
  private readonly waiting: Waiter[] = [];
  /** The most bodies that were in flight at once. */
  peakBodies = 0;
  /** The most bytes (by `Content-Length`) that were in flight at once. */
  peakBytes = 0;
  /** Requests refused for want of room (answered 503). */
  refused = 0;

  constructor(options: BodyBudgetOptions = {}) {
    this.maxBodies = options.maxBodies ?? MAX_BODIES_IN_FLIGHT;
    this.maxBytes = options.maxBytes ?? MAX_BUFFERED_BYTES;
    this.maxWaiting = options.maxWaiting ?? MAX_WAITING_BODIES;
    this.waitMs = options.waitMs ?? BODY_WAIT_MS;
  }

  /** Bodies being read now. */
  get inFlight(): number {
    return this.bodies;
  }

  /**
   * Waits for room for a body of `bytes`; resolves to its release function (call it once, when
   * the request is answered or closed), or `undefined` when refused.
   */
  acquire(bytes: number): Promise<(() => void) | undefined> {
    if (this.waiting.length === 0 && this.fits(bytes)) return Promise.resolve(this.take(bytes));
    if (this.waiting.length >= this.maxWaiting) {
      this.refused++;
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        bytes,
        grant: (release) => {
          clearTimeout(timer);
          resolve(release);
        },
      };
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        this.refused++;
        resolve(undefined);
        // The first in line may fit now that a larger one before it gave up.
        this.drain();
      }, this.waitMs);
      this.waiting.push(waiter);
    });
  }

  private fits(bytes: number): boolean {
    if (this.bodies >= this.maxBodies) return false;
    // An oversized body goes alone rather than never.
    return this.bodies === 0 || this.bytes + bytes <= this.maxBytes;
  }

  private take(bytes: number): () => void {
    this.bodies++;
    this.bytes += bytes;
    this.peakBodies = Math.max(this.peakBodies, this.bodies);
    this.peakBytes = Math.max(this.peakBytes, this.bytes);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.bodies--;
      this.bytes -= bytes;
      this.drain();
    };
  }

  /** Admits waiters in order while the first one fits (no overtaking: big bodies are not starved). */
  private drain(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.bytes)) {
      const next = this.waiting.shift()!;
      next.grant(this.take(next.bytes));
    }
  }
}
