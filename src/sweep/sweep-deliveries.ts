import type { Logger } from 'pino';
import { maskSecrets } from '../log/mask-secrets.js';
import type { HookDeliveriesClient, HookDelivery } from './hook-deliveries-client.js';
import type { RedeliveryMarks } from './redelivery-marks.js';

/** How far back a sweep reads the delivery log (GitHub keeps deliveries redeliverable for 3 days). */
export const SWEEP_LOOKBACK_MS = 24 * 3600 * 1000;
/** Pages of the delivery log a sweep reads at most (100 attempts each). */
export const SWEEP_MAX_PAGES = 10;
/** Redeliveries a sweep asks for at most; the rest wait for the next sweep. */
export const SWEEP_MAX_REDELIVERIES = 50;
/** GitHub's largest page of the delivery log. */
const PER_PAGE = 100;

/** Options of {@link sweepDeliveries}. */
export interface SweepDeliveriesOptions {
  readonly client: HookDeliveriesClient;
  /** Whether rootguard took a delivery id (the receiver's delivery ledger). */
  readonly processed: (guid: string) => Promise<boolean>;
  readonly marks: Pick<RedeliveryMarks, 'claim' | 'release'>;
  readonly log: Logger;
  /** @defaultValue Date.now */
  readonly now?: () => number;
  /** @defaultValue {@link SWEEP_LOOKBACK_MS} */
  readonly lookbackMs?: number;
  /** @defaultValue {@link SWEEP_MAX_PAGES} */
  readonly maxPages?: number;
  /** @defaultValue {@link SWEEP_MAX_REDELIVERIES} */
  readonly maxRedeliveries?: number;
}

/** What one sweep saw and did (counts of events, by guid). */
export interface SweepResult {
  /** Delivery attempts read from the log. */
  readonly attempts: number;
  readonly pages: number;
  /** Events none of whose attempts the receiver answered with success. */
  readonly failed: number;
  /** Redeliveries asked for now. */
  readonly redelivered: number;
  /** Failed at GitHub, but rootguard's ledger holds the id: the job was added. */
  readonly processed: number;
  /** Asked for before (by this sweeper): never asked twice. */
  readonly askedBefore: number;
  /** Answered 4xx by the receiver: it judged the delivery and would judge a copy the same. */
  readonly refused: number;
  /** Over this sweep's bound: the next sweep takes them. */
  readonly deferred: number;
  /** GitHub did not take the redelivery request (the next sweep asks again). */
  readonly errors: number;
}

/**
 * Whether an attempt's answer means the receiver was away or overloaded (no answer, a timeout,
 * a 5xx, 408 or 429): a redelivery can fix that. A 4xx other than those is the receiver's verdict
 * on the delivery (bad signature, malformed payload), which a copy would get again.
 */
export function isRedeliverable(statusCode: number): boolean {
  return statusCode === 0 || statusCode >= 500 || statusCode === 408 || statusCode === 429;
}

const isSuccess = (statusCode: number) => statusCode >= 200 && statusCode < 400;

/** The attempts of the last `lookbackMs`, newest first, over at most `maxPages` pages. */
async function readLog(
  options: SweepDeliveriesOptions,
): Promise<{ attempts: HookDelivery[]; pages: number }> {
  const cutoff = (options.now ?? Date.now)() - (options.lookbackMs ?? SWEEP_LOOKBACK_MS);
  const attempts: HookDelivery[] = [];
  let cursor: string | undefined;
  let pages = 0;
  while (pages < (options.maxPages ?? SWEEP_MAX_PAGES)) {
    const page = await options.client.listDeliveries({
      perPage: PER_PAGE,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    pages++;
    const recent = page.deliveries.filter((d) => Date.parse(d.deliveredAt) >= cutoff);
    attempts.push(...recent);
    // Newest first: once one attempt is older than the cutoff, the rest are too.
    if (recent.length < page.deliveries.length || page.nextCursor === undefined) break;
    cursor = page.nextCursor;
  }
  return { attempts, pages };
}

/**
 * One sweep of the App's webhook delivery log: every event of the last `lookbackMs` none of
 * whose attempts the receiver answered with success, that the receiver's ledger does not hold and
 * whose redelivery was never asked, is redelivered (GitHub sends it again with the same guid,
 * which the receiver takes like the first). Oldest first, at most `maxRedeliveries` a sweep.
 */
export async function sweepDeliveries(options: SweepDeliveriesOptions): Promise<SweepResult> {
  const { attempts, pages } = await readLog(options);
  // By guid, oldest event first; an event answered with success once needs nothing.
  const byGuid = new Map<string, HookDelivery[]>();
  for (const attempt of [...attempts].reverse()) {
    const list = byGuid.get(attempt.guid);
    if (list) list.push(attempt);
    else byGuid.set(attempt.guid, [attempt]);
  }
  const counts = {
    failed: 0,
    redelivered: 0,
    processed: 0,
    askedBefore: 0,
    refused: 0,
    deferred: 0,
    errors: 0,
  };
  const max = options.maxRedeliveries ?? SWEEP_MAX_REDELIVERIES;
  for (const [guid, tries] of byGuid) {
    if (tries.some((t) => isSuccess(t.statusCode))) continue;
    counts.failed++;
    const latest = tries[tries.length - 1]!;
    if (!isRedeliverable(latest.statusCode)) {
      counts.refused++;
      continue;
    }
    if (await options.processed(guid)) {
      counts.processed++;
      continue;
    }
    if (counts.redelivered + counts.errors >= max) {
      counts.deferred++;
      continue;
    }
    if (!(await options.marks.claim(guid))) {
      counts.askedBefore++;
      continue;
    }
    try {
      await options.client.redeliver(latest.id);
      counts.redelivered++;
      options.log.info({ delivery: guid, event: latest.event }, 'missed delivery: redelivery asked');
    } catch (error) {
      counts.errors++;
      await options.marks.release(guid);
      const reason = maskSecrets(error instanceof Error ? error.message : String(error));
      options.log.warn({ delivery: guid, reason }, 'GitHub did not take the redelivery request');
    }
  }
  return { attempts: attempts.length, pages, ...counts };
}
