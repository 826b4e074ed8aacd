import type { RedisClient } from '../redis/redis-client.js';
import { DELIVERY_ID_TTL_SECONDS } from '../queue/delivery-ledger.js';

/**
 * The delivery ids (guids) whose redelivery rootguard asked for, one key each
 * (`<prefix>:redelivery-asked:<guid>`), kept as long as the delivery ledger keeps an id: a
 * redelivery that fails again is not asked for a second time, by this process or another.
 */
export class RedeliveryMarks {
  readonly #redis: RedisClient;
  readonly #prefix: string;

  constructor(redis: RedisClient, options: { readonly prefix: string }) {
    this.#redis = redis;
    this.#prefix = options.prefix;
  }

  /** Marks the guid; true when this call set the mark (nobody asked before), false otherwise. */
  async claim(guid: string): Promise<boolean> {
    return (await this.#redis.set(this.#key(guid), '1', 'EX', DELIVERY_ID_TTL_SECONDS, 'NX')) === 'OK';
  }

  /** Removes the mark: GitHub did not take the request, so a later sweep may ask again. */
  async release(guid: string): Promise<void> {
    await this.#redis.del(this.#key(guid));
  }

  #key(guid: string): string {
    return `${this.#prefix}:redelivery-asked:${guid}`;
  }
}
