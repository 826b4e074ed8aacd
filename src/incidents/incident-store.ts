import type { RedisClient } from '../redis/redis-client.js';
import type { RuleId } from '../detect/finding.js';
import { IncidentError } from './errors.js';
import { hasKeyMaterial } from './has-key-material.js';
import type { Incident } from './incident.js';
import { incidentFromHash } from './incident-from-hash.js';
import { incidentIdFor } from './incident-id.js';
import { incidentKeys } from './incident-keys.js';
import type { Occurrence } from './occurrence.js';
import { occurrenceIdFor } from './occurrence-id.js';
import { RECORD_OCCURRENCE_LUA } from './record-occurrence-script.js';

/** Options of `IncidentStore`. */
export interface IncidentStoreOptions {
  /** Prefix of every key the store writes. @defaultValue `rootguard` */
  readonly prefix?: string;
  /** The clock. @defaultValue `() => new Date()` */
  readonly now?: () => Date;
}

/** What `recordOccurrence` takes: a finding placed somewhere. */
export interface RecordOccurrenceInput {
  readonly fingerprint: string;
  readonly ruleId: RuleId;
  /** The key masked, as the finding carries it. */
  readonly masked: string;
  readonly occurrence: Omit<Occurrence, 'id' | 'recordedAt'>;
}

export interface RecordOccurrenceResult {
  readonly incidentId: string;
  /** This call created the incident (the first occurrence of the key). */
  readonly incidentCreated: boolean;
  /** The place was new; false when it was already recorded. */
  readonly occurrenceAdded: boolean;
}

const SCRIPT_NAME = 'rootguardRecordOccurrence';
type ScriptCommand = (...args: string[]) => Promise<[number, number]>;

/**
 * Incidents and their occurrences in Redis, without expiry. Layout under `prefix`:
 * `{prefix}:incident:{id}` (hash: the incident's fields), `{prefix}:incident:{id}:occurrences`
 * (hash: occurrence id → occurrence JSON), `{prefix}:incidents` (sorted set: ids by creation time).
 */
export class IncidentStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #now: () => Date;

  constructor(redis: RedisClient, options: IncidentStoreOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'rootguard';
    this.#now = options.now ?? (() => new Date());
    if (!(SCRIPT_NAME in redis))
      redis.defineCommand(SCRIPT_NAME, { numberOfKeys: 3, lua: RECORD_OCCURRENCE_LUA });
  }

  /**
   * Records one place where a key was seen, atomically: the first call for a fingerprint creates
   * the incident; the same place recorded again adds nothing. Refuses input that holds anything
   * key-shaped (stored data never holds a key).
   */
  async recordOccurrence(input: RecordOccurrenceInput): Promise<RecordOccurrenceResult> {
    const incidentId = incidentIdFor(input.fingerprint);
    const exposedAt = toIsoUtc(input.occurrence.exposedAt);
    const now = this.#now();
    const occurrence: Occurrence = {
      ...input.occurrence,
      id: occurrenceIdFor(input.occurrence.location),
      exposedAt,
      recordedAt: now.toISOString(),
    };
    if (hasKeyMaterial([input.masked, occurrence]))
      throw new IncidentError(
        'key-material',
        `The occurrence for incident ${incidentId} holds something key-shaped; it was not stored (pass locations and masks only).`,
      );
    const keys = this.#keys(incidentId);
    const run = (this.#redis as unknown as Record<string, ScriptCommand>)[SCRIPT_NAME] as ScriptCommand;
    let reply: [number, number];
    try {
      reply = await run.call(
        this.#redis,
        keys.incident,
        keys.occurrences,
        keys.index,
        incidentId,
        input.fingerprint,
        input.ruleId,
        input.masked,
        now.toISOString(),
        String(now.getTime()),
        occurrence.id,
        JSON.stringify(occurrence),
        exposedAt,
        occurrence.repoPublic ? '1' : '0',
        occurrence.receivedAt ? toIsoUtc(occurrence.receivedAt) : '',
      );
    } catch (error) {
      if (error instanceof Error && error.message.includes('fingerprint-clash'))
        throw new IncidentError(
          'fingerprint-clash',
          `Incident ${incidentId} belongs to another fingerprint.`,
        );
      throw error;
    }
    return { incidentId, incidentCreated: reply[0] === 1, occurrenceAdded: reply[1] === 1 };
  }

  async get(incidentId: string): Promise<Incident | undefined> {
    return incidentFromHash(await this.#redis.hgetall(this.#keys(incidentId).incident));
  }

  /** The incident's occurrences, earliest exposure first. */
  async occurrences(incidentId: string): Promise<Occurrence[]> {
    const values = await this.#redis.hvals(this.#keys(incidentId).occurrences);
    return values
      .map((json) => JSON.parse(json) as Occurrence)
      .sort((a, b) =>
        a.exposedAt < b.exposedAt ? -1 : a.exposedAt > b.exposedAt ? 1 : a.id < b.id ? -1 : 1,
      );
  }

  /** Every incident id, oldest first. */
  async list(): Promise<string[]> {
    return this.#redis.zrange(this.#keys('').index, '0', '-1');
  }

  #keys(incidentId: string) {
    return incidentKeys(this.#prefix, incidentId);
  }
}

function toIsoUtc(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new IncidentError(
      'bad-input',
      `exposedAt must be an ISO 8601 time; got ${JSON.stringify(value.slice(0, 40))}.`,
    );
  return date.toISOString();
}
