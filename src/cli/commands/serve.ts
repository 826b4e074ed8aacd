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
  ROOTGUARD_WORKERS      worker kinds to run: scan,playbook,notify,command,retention,sweep or none
                         (default all)
  ROOTGUARD_<KIND>_CONCURRENCY  jobs of a kind at once (SCAN 4, PLAYBOOK 8, NOTIFY 4, COMMAND 4)
  ROOTGUARD_INCIDENT_RETENTION_DAYS  days a finished incident is kept (default 400)
  ROOTGUARD_ARCHIVE_DIR  where the daily retention job archives incidents before removing them
                         (unset: nothing is removed)
  ROOTGUARD_HEALTH_PORT, ROOTGUARD_HEALTH_HOST  where a worker answers /livez, /readyz and
                         /metrics (default 9464 on 127.0.0.1; serve answers them on PORT)
  ROOTGUARD_ADMIN_TOKEN  turns Bull Board on at /admin/queues on serve, behind this token
  ROOTGUARD_ADMIN_WRITE  1: the board may retry, remove, pause and clean jobs (default read-only)

Variables not set in the environment are read from .env in the working directory (the file
\`rootguard setup\` writes). With no App configured at all (no APP_ID, PRIVATE_KEY or
PRIVATE_KEY_PATH), \`serve\` in a terminal runs \`rootguard setup\` first (on the GitHub that
GITHUB_API_URL names), then starts.

Examples:
  $ rootguard serve      receive webhooks at /api/github/webhooks and run the workers
  $ rootguard worker     run more workers against the same Redis
  $ ROOTGUARD_WORKERS=none rootguard serve    receive webhooks only
`;

/** The error classes that end start-up with their one sentence (exit status 2). */
const START_FAILURES = new Set([
  'ConfigError',
  'RedisPolicyError',
  'QueueUnavailableError',
  'HealthPortError',
]);

/** Configuration and Redis problems end start-up with their one sentence, not a stack trace. */
function explainStartFailure(error: unknown): never {
  if (error instanceof Error && START_FAILURES.has(error.name))
    throw new CliError('cannot-start', error.message);
  throw error;
}

/**
 * `serve` with no App configured at all, in a terminal: runs `rootguard setup` (its defaults,
 * on `PORT`, which is free until the receiver starts) and says so. Returns whether it ran; without
 * a terminal (a container) start-up fails as before, naming APP_ID.
 */
async function setUpAppIfNone(
  context: Parameters<CliCommand['create']>[0],
  env: Record<string, string | undefined>,
): Promise<boolean> {
  const { noAppConfigured } = await import('../setup/env-with-file.js');
  const interactive = (context.io.stdin as { isTTY?: boolean }).isTTY === true;
  if (!noAppConfigured(env) || !interactive) return false;
  context.io.stderr.write(
    'rootguard: no GitHub App is configured (APP_ID is not set): running `rootguard setup` first\n',
  );
  const { runSetup } = await import('../setup/run-setup.js');
  const { hostOfApiUrl } = await import('../setup/github-host.js');
  const port = /^[0-9]{1,5}$/.test(env['PORT'] ?? '') ? Number(env['PORT']) : 3000;
  // On the GitHub that GITHUB_API_URL names (github.com unless set: GHES, an emulator).
  await runSetup(
    { envFile: '.env', force: false, port, ...hostOfApiUrl(env['GITHUB_API_URL']) },
    { cwd: context.io.cwd, env, stderr: context.io.stderr },
  );
  return true;
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
          const { envWithFile } = await import('../setup/env-with-file.js');
          let env = await envWithFile(context.io.env, context.io.cwd);
          if (role === 'serve' && (await setUpAppIfNone(context, env)))
            env = await envWithFile(context.io.env, context.io.cwd);
          const runtime = await startRuntime({ role, env: env as NodeJS.ProcessEnv }).catch(
            explainStartFailure,
          );
          if (runtime.url !== undefined)
            context.io.stderr.write(`rootguard: receiving webhooks at ${runtime.url}/api/github/webhooks\n`);
          else
            context.io.stderr.write(
              `rootguard: workers running; /livez, /readyz and /metrics at ${runtime.healthUrl}\n`,
            );
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
