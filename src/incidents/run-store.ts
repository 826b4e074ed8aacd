import type { RedisClient } from '../redis/redis-client.js';
import { IncidentError } from './errors.js';
import { hasKeyMaterial } from './has-key-material.js';
import type { IncidentStatus, PlaybookRun } from './incident.js';
import { incidentIndexKeys, incidentKeys } from './incident-keys.js';
import type { StepRecord, TimelineEvent } from './step-record.js';

/** A playbook run with the records of its steps so far, in the order of the store's step names. */
export interface RunState<Name extends string = string> {
  readonly run: PlaybookRun;
  readonly steps: ReadonlyMap<Name, StepRecord<Name>>;
}

/** Options of a `RunStore`. */
export interface RunStoreOptions<Name extends string> {
  /** Prefix of every key. @defaultValue `rootguard` */
  readonly prefix?: string;
  /**
   * The step names a run records, in order (the playbook's `STEP_NAMES`): runs are read back in
   * this order, and fields under other names are not read.
   */
  readonly steps: readonly Name[];
}

/** Incident fields the playbook and the commands set. */
export interface IncidentUpdate {
  readonly status?: IncidentStatus;
  readonly revokedAt?: string;
  readonly timeToRevokeMs?: number;
  readonly deployedAt?: string;
  readonly timeToDeployedMs?: number;
  readonly containedAt?: string;
  readonly timeToContainMs?: number;
  readonly approvedBy?: string;
  readonly approvedAt?: string;
  readonly falsePositiveBy?: string;
  readonly falsePositiveAt?: string;
}

/** The field of a run's hash that holds the run itself (the others are step records). */
export const RUN_FIELD = '_run';
/** Timeline lines kept per incident (the oldest go first). */
export const MAX_TIMELINE_EVENTS = 2_000;

/**
 * The playbook's record of an incident, beside the incident in Redis (no expiry):
 * `{p}:incident:{id}:run:{n}` (hash: `_run` → the run, step name → its `StepRecord` JSON) and
 * `{p}:incident:{id}:timeline` (list of `TimelineEvent` JSON). Every value is checked for key
 * material before it is written: a step that tried to record a key fails instead.
 */
export class RunStore<Name extends string = string> {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #steps: readonly Name[];

  constructor(redis: RedisClient, options: RunStoreOptions<Name>) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'rootguard';
    this.#steps = options.steps;
  }

  /** Starts the next run of an incident (run numbers count from 1). */
  async startRun(incidentId: string, revision: number, now: Date): Promise<PlaybookRun> {
    const keys = incidentKeys(this.#prefix, incidentId);
    const run = await this.#redis.hincrby(keys.incident, 'run', 1);
    const record: PlaybookRun = { run, startedAt: now.toISOString(), revision };
    await this.#redis.hset(keys.run(run), RUN_FIELD, JSON.stringify(record));
    return record;
  }

  /**
   * Marks that the incident's finished run may need a follow-up run (an occurrence recorded
   * while its job still existed), in `{p}:playbook-followups`: durable, so the check survives the
   * process that finished the run.
   */
  async markFollowUp(incidentId: string): Promise<void> {
    await this.#redis.sadd(this.#followUpKey(), incidentId);
  }

  /** Removes the mark once the follow-up was checked (and queued when due). */
  async clearFollowUp(incidentId: string): Promise<void> {
    await this.#redis.srem(this.#followUpKey(), incidentId);
  }

  /** The marked incidents. */
  async followUps(): Promise<string[]> {
    return this.#redis.smembers(this.#followUpKey());
  }

  #followUpKey(): string {
    return incidentIndexKeys(this.#prefix).followUps;
  }

  /** The incident's current run and its steps; undefined before the first run. */
  async currentRun(incidentId: string): Promise<RunState<Name> | undefined> {
    const keys = incidentKeys(this.#prefix, incidentId);
    const run = Number((await this.#redis.hget(keys.incident, 'run')) ?? 0);
    if (run === 0) return undefined;
    return this.getRun(incidentId, run);
  }

  async getRun(incidentId: string, run: number): Promise<RunState<Name> | undefined> {
    const hash = await this.#redis.hgetall(incidentKeys(this.#prefix, incidentId).run(run));
    const meta = hash[RUN_FIELD];
    if (meta === undefined) return undefined;
    const steps = new Map<Name, StepRecord<Name>>();
    for (const name of this.#steps) {
      const json = hash[name];
      if (json !== undefined) steps.set(name, JSON.parse(json) as StepRecord<Name>);
    }
    return { run: JSON.parse(meta) as PlaybookRun, steps };
  }

  /** Records (or replaces) a step's record in a run. */
  async saveStep(incidentId: string, run: number, record: StepRecord<Name>): Promise<void> {
    refuseKeyMaterial(incidentId, record);
    await this.#redis.hset(
      incidentKeys(this.#prefix, incidentId).run(run),
      record.step,
      JSON.stringify(record),
    );
  }

  /**
   * Saves a step's final record and appends its timeline event in one transaction, so a crash
   * leaves both or neither (a resumed run skips a step that has an outcome and would never
   * append its event); with `update`, the incident's fields change in the same transaction.
   */
  async finishStep(
    incidentId: string,
    run: number,
    record: StepRecord<Name>,
    event: TimelineEvent<Name>,
    update: IncidentUpdate = {},
  ): Promise<void> {
    refuseKeyMaterial(incidentId, record);
    refuseKeyMaterial(incidentId, event);
    refuseKeyMaterial(incidentId, update);
    const keys = incidentKeys(this.#prefix, incidentId);
    const fields = Object.entries(update).filter(([, value]) => value !== undefined);
    const transaction = this.#redis.multi();
    // A record that changes a finished run's status (`rootguard deliver`) lands with that status.
    if (fields.length > 0)
      transaction.hset(keys.incident, Object.fromEntries(fields.map(([k, v]) => [k, String(v)])));
    await transaction
      .hset(keys.run(run), record.step, JSON.stringify(record))
      .rpush(keys.timeline, JSON.stringify(event))
      .ltrim(keys.timeline, -MAX_TIMELINE_EVENTS, -1)
      .exec();
  }

  /**
   * Marks a run finished, updates the incident and appends the event in one transaction: a run
   * marked finished is never resumed, so a crash between these writes would leave the incident's
   * status stale for good.
   */
  async finishRun(
    incidentId: string,
    run: PlaybookRun,
    update: IncidentUpdate,
    event: TimelineEvent<Name>,
  ): Promise<void> {
    refuseKeyMaterial(incidentId, update);
    refuseKeyMaterial(incidentId, event);
    const keys = incidentKeys(this.#prefix, incidentId);
    const fields = Object.entries(update).filter(([, value]) => value !== undefined);
    const transaction = this.#redis.multi().hset(keys.run(run.run), RUN_FIELD, JSON.stringify(run));
    if (fields.length > 0)
      transaction.hset(keys.incident, Object.fromEntries(fields.map(([k, v]) => [k, String(v)])));
    await transaction
      .rpush(keys.timeline, JSON.stringify(event))
      .ltrim(keys.timeline, -MAX_TIMELINE_EVENTS, -1)
      .exec();
  }

  async updateRun(incidentId: string, run: PlaybookRun): Promise<void> {
    await this.#redis.hset(
      incidentKeys(this.#prefix, incidentId).run(run.run),
      RUN_FIELD,
      JSON.stringify(run),
    );
  }

  async updateIncident(incidentId: string, update: IncidentUpdate): Promise<void> {
    const fields = Object.entries(update).filter(([, value]) => value !== undefined);
    if (fields.length === 0) return;
    refuseKeyMaterial(incidentId, update);
    await this.#redis.hset(
      incidentKeys(this.#prefix, incidentId).incident,
      Object.fromEntries(fields.map(([k, v]) => [k, String(v)])),
    );
  }

  async appendTimeline(incidentId: string, event: TimelineEvent<Name>): Promise<void> {
    refuseKeyMaterial(incidentId, event);
    const key = incidentKeys(this.#prefix, incidentId).timeline;
    await this.#redis.multi().rpush(key, JSON.stringify(event)).ltrim(key, -MAX_TIMELINE_EVENTS, -1).exec();
  }

  /** The incident's timeline over all runs, oldest first. */
  async timeline(incidentId: string): Promise<TimelineEvent<Name>[]> {
    const lines = await this.#redis.lrange(incidentKeys(this.#prefix, incidentId).timeline, 0, -1);
    return lines.map((line) => JSON.parse(line) as TimelineEvent<Name>);
  }
}

function refuseKeyMaterial(incidentId: string, value: unknown): void {
  if (hasKeyMaterial(value))
    throw new IncidentError(
      'key-material',
      `A playbook record of incident ${incidentId} holds something key-shaped; it was not stored.`,
    );
}
