import type { Queue } from 'bullmq';
import { z } from 'zod';
import { hasKeyMaterial } from '../incidents/has-key-material.js';
import { addJob } from './add-job.js';
import { JobDataError } from './errors.js';

/** The commands people can give rootguard (`/rootguard <word>` or a check run button). */
export const COMMAND_NAMES = ['approve', 'false-positive', 'retry', 'help'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Where a command was given: a comment on an issue, or a button on one of our check runs. */
export type CommandSource =
  | { readonly kind: 'issue'; readonly issueNumber: number; readonly commentId: number }
  | {
      readonly kind: 'check-run';
      readonly checkRunId: number;
      /** The 12 characters after `inc_` of the incident id, or `all` (every incident awaiting approval). */
      readonly incidentPrefix: string;
    };

/** The data of a job on the `command` queue: ids and a login, nothing else. */
export interface CommandJob {
  readonly deliveryId: string;
  readonly installationId: number;
  /** `owner/name` of the repository where the command was given. */
  readonly repo: string;
  /** The login of the person who gave it. */
  readonly actor: string;
  readonly command: CommandName;
  readonly source: CommandSource;
}

/** How often a command is tried before it stays failed. */
export const COMMAND_ATTEMPTS = 5;
/** The first retry's delay; each next one doubles. */
export const COMMAND_BACKOFF_MS = 2_000;
/** Finished commands kept, so a redelivered webhook (same delivery id) adds nothing. */
export const KEEP_COMPLETED_COMMANDS = { count: 1_000, age: 7 * 24 * 3600 };
export const KEEP_FAILED_COMMANDS = { count: 5_000, age: 30 * 24 * 3600 };

const id = z.number().int().positive();

/** `CommandJob`, checked (strict objects: ids, a repository name, a login and the command). */
export const commandJobSchema: z.ZodType<CommandJob> = z.strictObject({
  // A BullMQ custom job id may not be an integer nor hold `:` (as for scans).
  deliveryId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/)
    .refine((value) => `${parseInt(value, 10)}` !== value, { error: 'a delivery id may not be an integer' }),
  installationId: id,
  repo: z.string().regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/),
  // GitHub logins: letters, digits and single hyphens; apps act as `<slug>[bot]`.
  actor: z.string().regex(/^[A-Za-z0-9-]{1,39}(?:\[bot\])?$/),
  command: z.enum(COMMAND_NAMES),
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('issue'), issueNumber: id, commentId: id }),
    z.strictObject({
      kind: z.literal('check-run'),
      checkRunId: id,
      incidentPrefix: z.string().regex(/^(?:[A-Za-z0-9_-]{12}|all)$/),
    }),
  ]),
});

/**
 * Adds a command job with `jobId` = the delivery id, so a redelivered webhook adds nothing.
 * Refuses data that fails the schema or holds anything key-shaped (`JobDataError`); throws
 * `QueueUnavailableError` (status 503) when Redis cannot take it. Returns the job id.
 */
export async function enqueueCommand(queue: Queue<CommandJob>, job: CommandJob): Promise<string> {
  const parsed = commandJobSchema.safeParse(job);
  if (!parsed.success) {
    // Name the fields only: values are not echoed into logs or errors.
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
    throw new JobDataError(`Command job data is not valid at ${fields.join(', ')}; it was not added.`);
  }
  if (hasKeyMaterial(parsed.data))
    throw new JobDataError('Command job data holds something key-shaped; it was not added.');
  return addJob(queue, parsed.data.command, parsed.data, {
    jobId: parsed.data.deliveryId,
    attempts: COMMAND_ATTEMPTS,
    backoff: { type: 'exponential', delay: COMMAND_BACKOFF_MS },
    removeOnComplete: KEEP_COMPLETED_COMMANDS,
    removeOnFail: KEEP_FAILED_COMMANDS,
  });
}
