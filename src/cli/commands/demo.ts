import { Command } from 'commander';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../errors.js';

const HELP = `
Needs only Node and a Redis: --redis URL, else 127.0.0.1:6379 when it answers, else a
redis-server of its own on a free port (stopped afterwards). Runs the GitHub and Unkey
emulators (dev dependencies: run it in a clone after \`npm ci\`), rootguard's receiver and
workers in this process, leaks a generated root key in a pull request and a CI log, runs the
whole playbook and prints what happened. Nothing is left running or in Redis; no key is printed.

Examples:
  $ rootguard demo                  the automatic path (Unkey's root key API)
  $ rootguard demo --assisted       today's published Unkey: a human rotates, \`deliver\` hands over
  $ rootguard demo --json           the incident record and the reports as one JSON object
`;

/** The error classes that end the demo with their one sentence. */
const ONE_LINE_FAILURES = new Set([
  'ConfigError',
  'RedisPolicyError',
  'QueueUnavailableError',
  'DeliverError',
]);

/** `rootguard demo`: one leak through the whole app, against emulators. */
export const demoCommand: CliCommand = {
  create(context) {
    return new Command('demo')
      .summary('run one leak through rootguard against emulated GitHub and Unkey, and show it')
      .description(
        'Run one leaked root key through rootguard end to end, against emulated GitHub and Unkey, and print the account.',
      )
      .option('--json', 'print the incident record and the reports as one JSON object')
      .option(
        '--assisted',
        'Unkey without the root key API: the demo rotates the key by hand and delivers it',
      )
      .option('--redis <url>', 'the Redis to use (default: 127.0.0.1:6379, else a redis-server of its own)')
      .addHelpText('after', HELP)
      .action(async (opts: { json?: boolean; assisted?: boolean; redis?: string }) => {
        // Loaded here: the runtime and the emulators stay out of `rootguard scan`'s start-up.
        const { runDemoCommand } = await import('../demo/run-demo-command.js');
        try {
          await runDemoCommand(context, {
            json: opts.json === true,
            assisted: opts.assisted === true,
            ...(opts.redis !== undefined ? { redis: opts.redis } : {}),
          });
        } catch (error) {
          context.setExitCode(1);
          const message =
            error instanceof CliError || (error instanceof Error && ONE_LINE_FAILURES.has(error.name))
              ? error.message
              : `${(error as Error).name ?? 'Error'}: ${(error as Error).message ?? String(error)}`;
          const { maskReportText } = await import('../../report/markdown/mask-report-text.js');
          context.io.stderr.write(
            `rootguard: demo failed: ${maskReportText(message).replace(/[\r\n]+/g, ' ')}\n`,
          );
        }
      });
  },
};
