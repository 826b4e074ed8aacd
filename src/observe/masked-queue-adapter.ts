import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { Job, Queue } from 'bullmq';
import { maskSecrets } from '../log/mask-secrets.js';

/** A value with every credential-shaped text in it masked (`maskSecrets`), the same shape when it can be. */
export function maskValue(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (typeof value === 'string') return maskSecrets(value);
  const text = JSON.stringify(value);
  if (text === undefined) return value;
  const masked = maskSecrets(text);
  if (masked === text) return value;
  try {
    return JSON.parse(masked) as unknown;
  } catch {
    return masked;
  }
}

/** A job whose `toJSON` (what the board renders) has its failed reason and stack trace masked. */
function maskJob<T extends Job | undefined>(job: T): T {
  if (job === undefined) return job;
  const toJSON = job.toJSON.bind(job);
  job.toJSON = () => {
    const json = toJSON();
    return {
      ...json,
      failedReason:
        json.failedReason === undefined ? json.failedReason : maskSecrets(String(json.failedReason)),
      stacktrace: Array.isArray(json.stacktrace)
        ? json.stacktrace.map((line) => maskSecrets(String(line)))
        : json.stacktrace,
    } as typeof json;
  };
  return job;
}

/**
 * Bull Board's BullMQ adapter with everything it shows of a job passed through `maskSecrets`:
 * data, return value, name and progress (the board's formatters), failed reason, stack trace and
 * logs (which the formatters do not cover). rootguard's jobs hold no key by design (ids only);
 * this makes sure a mistake elsewhere is not displayed either.
 */
export class MaskedQueueAdapter extends BullMQAdapter {
  constructor(queue: Queue, options: { readonly readOnly: boolean }) {
    super(queue, { readOnlyMode: options.readOnly, allowRetries: !options.readOnly });
    for (const field of ['data', 'returnValue', 'progress'] as const) this.setFormatter(field, maskValue);
    this.setFormatter('name', (job: { name?: string }) => maskSecrets(String(job.name ?? '')));
  }

  override async getJob(id: string): Promise<Job | undefined> {
    return maskJob(await super.getJob(id));
  }

  override async getJobs(...args: Parameters<BullMQAdapter['getJobs']>): Promise<Job[]> {
    return (await super.getJobs(...args)).map((job) => maskJob(job));
  }

  override async getJobLogs(id: string): Promise<string[]> {
    return (await super.getJobLogs(id)).map((line) => maskSecrets(line));
  }
}
