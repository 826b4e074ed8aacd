import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { cleanError } from '../../queue/clean-error.js';
import { commandJobSchema, type CommandJob } from '../../queue/command-job.js';
import { COMMAND_QUEUE } from '../../queue/queues.js';
import type { CommandDependencies } from './command-dependencies.js';
import { deliverReplies } from './deliver-replies.js';
import { runCommand, type CommandReply } from './run-command.js';

/** Options of {@link startCommandWorker}. */
export interface CommandWorkerOptions {
  readonly connection: ConnectionOptions;
  /** BullMQ key prefix. @defaultValue 'rootguard' */
  readonly prefix?: string;
  /** Commands worked on at once in this process. @defaultValue 4 */
  readonly concurrency?: number;
  readonly deps: CommandDependencies;
}

/** What a command job keeps in its progress: its answers, decided once, and how many were posted. */
interface CommandProgress {
  readonly replies: readonly CommandReply[];
  readonly posted: number;
}

/**
 * Starts the worker of the `command` queue: checks the job, carries the command out once (its
 * answers are saved in the job's progress before any is posted, so a retry posts what is left and
 * never acts twice), then posts the answers. Errors pass `cleanError` before BullMQ keeps them.
 */
export function startCommandWorker(options: CommandWorkerOptions): Worker<CommandJob, CommandReply[]> {
  const { deps } = options;
  return new Worker<CommandJob, CommandReply[]>(
    COMMAND_QUEUE,
    async (job) => {
      const parsed = commandJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError('The command job data is not valid; it is dropped.');
      try {
        let progress = savedProgress(job);
        if (!progress) {
          progress = { replies: await runCommand(deps, parsed.data), posted: 0 };
          await job.updateProgress(progress);
        }
        const { replies } = progress;
        await deliverReplies(deps, parsed.data, replies, progress.posted, (posted) =>
          job.updateProgress({ replies, posted }),
        );
        return [...replies];
      } catch (error) {
        const cleaned = cleanError(error);
        deps.log.warn(
          { err: cleaned, command: parsed.data.command, repo: parsed.data.repo },
          'command failed',
        );
        throw cleaned;
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix ?? 'rootguard',
      concurrency: options.concurrency ?? 4,
    },
  );
}

function savedProgress(job: Job<CommandJob>): CommandProgress | undefined {
  const progress = job.progress as Partial<CommandProgress> | undefined;
  return typeof progress === 'object' && progress !== null && Array.isArray(progress.replies)
    ? { replies: progress.replies, posted: progress.posted ?? 0 }
    : undefined;
}
