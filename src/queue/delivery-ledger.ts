import type { RedisClient } from '../redis/redis-client.js';
import { ENQUEUE_TIMEOUT_MS } from './add-job.js';
import { QueueUnavailableError } from './errors.js';

/**
 * How long a delivery id is remembered: GitHub.com lets a delivery be redelivered for 3 days,
 * GitHub Enterprise Server for 7; a day more covers clocks and late clicks. Independent of how
 * long finished jobs are kept (`KEEP_COMPLETED_SCANS`), which may be trimmed by count sooner.
 */
export const DELIVERY_ID_TTL_SECONDS = 8 * 24 * 3600;

/**
 * The delivery ids whose job was added, one key each (`<prefix>:delivery:<id>`, expiring after
 * `DELIVERY_ID_TTL_SECONDS`). An id is recorded only after its job was added, so a delivery
 * refused with 503 is taken when redelivered; two copies arriving at once still make one job
 * (BullMQ's job id is the delivery id).
 */
export class DeliveryLedger {
  readonly #redis: RedisClient;
  readonly #prefix: string;

  constructor(redis: RedisClient, options: { readonly prefix: string }) {
    this.#redis = redis;
    this.#prefix = options.prefix;
  }

  /** Whether the delivery's job was added before. Throws `QueueUnavailableError` while Redis is down. */
  async seen(deliveryId: string): Promise<boolean> {
    return (await this.#bounded(() => this.#redis.exists(this.#key(deliveryId)))) === 1;
  }

  /** Remembers that the delivery's job was added. */
  async record(deliveryId: string): Promise<void> {
    await this.#bounded(() => this.#redis.set(this.#key(deliveryId), '1', 'EX', DELIVERY_ID_TTL_SECONDS));
  }

  #key(deliveryId: string): string {
    return `${this.#prefix}:delivery:${deliveryId}`;
  }

  /** Like `addJob`: fail fast while Redis is not connected, and within `ENQUEUE_TIMEOUT_MS`. */
  async #bounded<T>(command: () => Promise<T>): Promise<T> {
    if (this.#redis.status !== 'ready')
      throw new QueueUnavailableError(
        `Redis is not connected (${this.#redis.status}); the delivery was not taken.`,
      );
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        command(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new QueueUnavailableError(`Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms.`)),
            ENQUEUE_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      if (error instanceof QueueUnavailableError) throw error;
      throw new QueueUnavailableError('Redis could not check the delivery id.', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Adds a delivery's job once per `DELIVERY_ID_TTL_SECONDS`: a redelivery of a delivery whose job
 * was added is answered without adding anything, even after that job was removed. Returns
 * whether the job was added now.
 */
export async function enqueueOnce(
  ledger: DeliveryLedger,
  deliveryId: string,
  enqueue: () => Promise<unknown>,
): Promise<boolean> {
  if (await ledger.seen(deliveryId)) return false;
  await enqueue();
  await ledger.record(deliveryId);
  return true;
}
