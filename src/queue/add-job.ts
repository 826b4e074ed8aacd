import type { JobsOptions, Queue } from 'bullmq';
import { maskSecrets } from '../log/mask-secrets.js';
import { QueueUnavailableError } from './errors.js';

/**
 * How long adding a job may take before the caller is told Redis cannot take it. A webhook must
 * be answered (with 503) rather than left hanging; a job that lands after this is harmless,
 * since a redelivery with the same job id adds nothing.
 */
export const ENQUEUE_TIMEOUT_MS = 3_000;

/**
 * `queue.add`, failing fast with `QueueUnavailableError` while Redis is down: BullMQ waits for a
 * connection that never came up, so the connection's state is checked first and the add is
 * bounded by `ENQUEUE_TIMEOUT_MS`.
 */
export async function addJob<T>(queue: Queue<T>, name: string, data: T, opts: JobsOptions): Promise<string> {
  const status = (queue.opts.connection as { status?: unknown }).status;
  if (typeof status === 'string' && status !== 'ready')
    throw new QueueUnavailableError(
      `Redis is not connected (${status}); the ${queue.name} job was not added.`,
    );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new QueueUnavailableError(
            `Redis did not take the ${queue.name} job within ${ENQUEUE_TIMEOUT_MS} ms.`,
          ),
        ),
      ENQUEUE_TIMEOUT_MS,
    );
  });
  try {
    // `name` is typed by the queue's data; our queues name jobs by their kind.
    const job = await Promise.race([queue.add(name as never, data as never, opts), timeout]);
    return job.id ?? String(opts.jobId);
  } catch (error) {
    if (error instanceof QueueUnavailableError) throw error;
    const reason = error instanceof Error ? maskSecrets(error.message) : 'unknown error';
    throw new QueueUnavailableError(`Redis could not take the ${queue.name} job: ${reason}.`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}
