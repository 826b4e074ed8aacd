import { Command } from 'commander';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../errors.js';

const ENVIRONMENT = `
Environment:
  APP_ID                 the GitHub App's id
  PRIVATE_KEY            the App's private key (PEM), or PRIVATE_KEY_PATH: a file holding it
  WEBHOOK_SECRET         the App's webhook secret (serve only)
  ROOTGUARD_REDIS_URL    BullMQ's Redis (default redis://127.0.0.1:6379; maxmemory-policy must be
                         noeviction, appendonly yes unless ROOTGUARD_ALLOW_VOLATILE_REDIS=1)
  GITHUB_API_URL         default https://api.github.com; https://HOST/api/v3 for GitHub Enterprise Server
  PORT, HOST             where webhooks are received (default 3000, 0.0.0.0)
  LOG_LEVEL              trace, debug, info (default), warn, error, fatal
  ROOTGUARD_APP_SLUG     the App's slug, to skip its own pushes (default: asked from GitHub)
  ROOTGUARD_PREFIX       Redis key prefix of queues and incidents (default rootguard)
  UNKEY_API_URL          the Unkey API (default https://api.unkey.com)
  UNKEY_ROOT_KEY         rootguard's own responder root key (unset: the playbook is assisted)
  ROOTGUARD_CONFIG       the operator config file (YAML: policy, root key inventory, APIs)
  ROOTGUARD_JOB_LOCK_MS  how long a worker's job lock lasts unrenewed (default 5000)
  ROOTGUARD_STALLED_CHECK_MS  how often dead workers' jobs are looked for (default 2500)
  ROOTGUARD_SHUTDOWN_GRACE_MS  how long SIGTERM lets running steps finish before their jobs are
                         given back to the queue and the process exits 0 (default 10000)
  ROOTGUARD_WORKERS      worker kinds to run: scan,playbook,notify,command,retention or none
                         (default all)
  ROOTGUARD_<KIND>_CONCURRENCY  jobs of a kind at once (SCAN 4, PLAYBOOK 8, NOTIFY 4, COMMAND 4)
  ROOTGUARD_INCIDENT_RETENTION_DAYS  days a finished incident is kept (default 400)
  ROOTGUARD_ARCHIVE_DIR  where the daily retention job archives incidents before removing them
                         (unset: nothing is removed)

Examples:
  $ rootguard serve      receive webhooks at /api/github/webhooks and run the workers
  $ rootguard worker     run more workers against the same Redis
  $ ROOTGUARD_WORKERS=none rootguard serve    receive webhooks only
`;

/** The error classes that end start-up with their one sentence (exit status 2). */
const START_FAILURES = new Set(['ConfigError', 'RedisPolicyError', 'QueueUnavailableError']);

/** Configuration and Redis problems end start-up with their one sentence, not a stack trace. */
function explainStartFailure(error: unknown): never {
  if (error instanceof Error && START_FAILURES.has(error.name))
    throw new CliError('cannot-start', error.message);
  throw error;
}

/** Makes `serve` and `worker`: the same runtime with or without the webhook receiver. */
function runtimeCommand(role: 'serve' | 'worker', summary: string): CliCommand {
  return {
    create(context) {
      return new Command(role)
        .summary(summary)
        .description(`${summary[0]?.toUpperCase()}${summary.slice(1)}. Stops cleanly on SIGINT or SIGTERM.`)
        .addHelpText('after', ENVIRONMENT)
        .action(async () => {
          // Loaded here: Probot, BullMQ and ioredis stay out of `rootguard scan`'s start-up.
          const { startRuntime } = await import('../runtime/start-runtime.js');
          const { runUntilSignal } = await import('../runtime/run-until-signal.js');
          const runtime = await startRuntime({ role, env: context.io.env as NodeJS.ProcessEnv }).catch(
            explainStartFailure,
          );
          if (runtime.url !== undefined)
            context.io.stderr.write(`rootguard: receiving webhooks at ${runtime.url}/api/github/webhooks\n`);
          else context.io.stderr.write('rootguard: workers running\n');
          await runUntilSignal(runtime, (signal) =>
            context.io.stderr.write(`rootguard: ${signal}: finishing running jobs\n`),
          );
        });
    },
  };
}

/** `rootguard serve`: the webhook receiver and the workers in one process. */
export const serveCommand = runtimeCommand('serve', 'receive GitHub webhooks and run the workers');

/** `rootguard worker`: workers only, to scale out. */
export const workerCommand = runtimeCommand('worker', 'run the workers only (to scale out)');
