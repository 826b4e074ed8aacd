import type { RedisClient } from '../redis/redis-client.js';
import { IncidentError } from './errors.js';
import { hasKeyMaterial } from './has-key-material.js';
import { incidentIndexKeys, incidentKeys } from './incident-keys.js';

/** The incident issue, once opened. */
export interface IssueRef {
  /** `owner/name` of the repository that holds the issue. */
  readonly repo: string;
  readonly number: number;
  /** The issue's page. */
  readonly url: string;
}

/** A check run of a scan that found the incident's key. */
export interface CheckRunRef {
  readonly repo: string;
  readonly checkRunId: number;
  readonly headSha: string;
}

/** A sticky pull request comment. */
export interface CommentRef {
  readonly repo: string;
  readonly pullNumber: number;
  readonly commentId: number;
  readonly url: string;
}

/**
 * How a reporter's last delivery went: the other reports name a failed one. `Name`: the reporter
 * names, which the reporters own (`src/report/incident/reporter-names.ts`); stored under any name.
 */
export interface ReporterDelivery<Name extends string = string> {
  readonly reporter: Name;
  readonly status: 'sent' | 'failed';
  /** ISO 8601. */
  readonly at: string;
  /** The cleaned error, for `failed`. */
  readonly error?: string;
}

/**
 * What the reporters sent for each incident, beside the incident in Redis (no expiry):
 * `{p}:incident:{id}:reports` (hash: `issue`, `comment:{repo}#{pull}`, `check:{repo}#{id}`,
 * `delivery:{reporter}`, `sent:{target}` → hash of the last body sent, `slack:{message}`), and the
 * reverse lookups the commands need: `{p}:report-index` (hash: `issue:{repo}#{number}` → incident
 * id) and `{p}:check-run:{repo}#{id}` (set of incident ids).
 */
export class ReportStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;

  constructor(redis: RedisClient, options: { readonly prefix?: string } = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'rootguard';
  }

  /** Links a scan's check run to the incident (the check-run reporter updates it). */
  async linkCheckRun(incidentId: string, ref: CheckRunRef): Promise<void> {
    await this.#redis
      .multi()
      .hset(this.#key(incidentId), `check:${ref.repo}#${ref.checkRunId}`, JSON.stringify(ref))
      .sadd(this.#checkRunKey(ref.repo, ref.checkRunId), incidentId)
      .exec();
  }

  async checkRuns(incidentId: string): Promise<CheckRunRef[]> {
    return this.#entries<CheckRunRef>(incidentId, 'check:');
  }

  /** The incidents a check run reported (its buttons act on these). */
  async incidentsForCheckRun(repo: string, checkRunId: number): Promise<string[]> {
    return (await this.#redis.smembers(this.#checkRunKey(repo, checkRunId))).sort();
  }

  async setIssue(incidentId: string, ref: IssueRef): Promise<void> {
    await this.#redis
      .multi()
      .hset(this.#key(incidentId), 'issue', JSON.stringify(ref))
      .hset(this.#indexKey(), `issue:${ref.repo}#${ref.number}`, incidentId)
      .exec();
  }

  async issue(incidentId: string): Promise<IssueRef | undefined> {
    const json = await this.#redis.hget(this.#key(incidentId), 'issue');
    return json === null ? undefined : (JSON.parse(json) as IssueRef);
  }

  /** The incident whose issue this is (commands on the issue act on it). */
  async incidentForIssue(repo: string, issueNumber: number): Promise<string | undefined> {
    return (await this.#redis.hget(this.#indexKey(), `issue:${repo}#${issueNumber}`)) ?? undefined;
  }

  async setComment(incidentId: string, ref: CommentRef): Promise<void> {
    await this.#redis.hset(
      this.#key(incidentId),
      `comment:${ref.repo}#${ref.pullNumber}`,
      JSON.stringify(ref),
    );
  }

  async comment(incidentId: string, repo: string, pullNumber: number): Promise<CommentRef | undefined> {
    const json = await this.#redis.hget(this.#key(incidentId), `comment:${repo}#${pullNumber}`);
    return json === null ? undefined : (JSON.parse(json) as CommentRef);
  }

  async recordDelivery(incidentId: string, delivery: ReporterDelivery): Promise<void> {
    if (hasKeyMaterial(delivery))
      throw new IncidentError(
        'key-material',
        `A delivery record of incident ${incidentId} holds something key-shaped; it was not stored.`,
      );
    await this.#redis.hset(this.#key(incidentId), `delivery:${delivery.reporter}`, JSON.stringify(delivery));
  }

  /** The last delivery of each reporter that delivered anything, by reporter name (sorted). */
  async deliveries(incidentId: string): Promise<ReporterDelivery[]> {
    return this.#entries<ReporterDelivery>(incidentId, 'delivery:');
  }

  /** The hash of the body last sent to `target` (an edit with the same body is skipped). */
  async lastSent(incidentId: string, target: string): Promise<string | undefined> {
    return (await this.#redis.hget(this.#key(incidentId), `sent:${target}`)) ?? undefined;
  }

  async setLastSent(incidentId: string, target: string, bodyHash: string): Promise<void> {
    await this.#redis.hset(this.#key(incidentId), `sent:${target}`, bodyHash);
  }

  /** A one-off message (a Slack message) was sent: it is never sent twice. */
  async markSent(incidentId: string, message: string, at: string): Promise<void> {
    await this.#redis.hset(this.#key(incidentId), `message:${message}`, at);
  }

  async wasSent(incidentId: string, message: string): Promise<boolean> {
    return (await this.#redis.hexists(this.#key(incidentId), `message:${message}`)) === 1;
  }

  async #entries<T>(incidentId: string, prefix: string): Promise<T[]> {
    const hash = await this.#redis.hgetall(this.#key(incidentId));
    return Object.entries(hash)
      .filter(([field]) => field.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, json]) => JSON.parse(json) as T);
  }

  #key(incidentId: string): string {
    return incidentKeys(this.#prefix, incidentId).reports;
  }

  #indexKey(): string {
    return incidentIndexKeys(this.#prefix).reportIndex;
  }

  #checkRunKey(repo: string, checkRunId: number): string {
    return incidentIndexKeys(this.#prefix).checkRun(repo, checkRunId);
  }
}
