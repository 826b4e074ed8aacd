import { Command } from 'commander';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../errors.js';

const HELP = `
The new key is read from stdin only (an argument would stay in your shell's history), checked
(an Unkey root key, not the leaked one, accepted by Unkey), sealed for the incident's deploy
targets with GitHub's public keys, and set. Nothing prints or stores it.

Environment: as for \`rootguard worker\` (APP_ID, PRIVATE_KEY, ROOTGUARD_REDIS_URL, UNKEY_API_URL,
ROOTGUARD_CONFIG, ROOTGUARD_PREFIX).

Examples:
  $ pbpaste | rootguard deliver --incident inc_AbCdEfGhIjKlMnOpQrStUv
  $ rootguard deliver --incident inc_AbCdEfGhIjKlMnOpQrStUv < /dev/stdin   (paste, then Ctrl-D)
`;

/** `rootguard deliver`: the assisted path's hand-over of a replacement key. */
export const deliverCommand: CliCommand = {
  create(context) {
    return new Command('deliver')
      .summary("seal a replacement root key (from stdin) into an incident's deploy targets")
      .description(
        'Seal a replacement root key, read from stdin, into the deploy targets of an incident and set them.',
      )
      .requiredOption('--incident <id>', 'the incident (inc_…) whose key was rotated by hand')
      .addHelpText('after', HELP)
      .action(async (opts: { incident: string }) => {
        if (!/^inc_[A-Za-z0-9_-]{22}$/.test(opts.incident))
          throw new CliError(
            'bad-option',
            `--incident must be an incident id (inc_ and 22 characters); got ${JSON.stringify(opts.incident.slice(0, 40))}.`,
          );
        const { deliverFromStdin } = await import('../runtime/deliver-from-stdin.js');
        const record = await deliverFromStdin({
          env: context.io.env as NodeJS.ProcessEnv,
          stdin: context.io.stdin,
          incidentId: opts.incident,
        }).catch((error: unknown) => {
          if (
            error instanceof Error &&
            ['ConfigError', 'RedisPolicyError', 'QueueUnavailableError'].includes(error.name)
          )
            throw new CliError('cannot-start', error.message);
          throw error;
        });
        context.io.stdout.write(`${record.outcome}: ${record.summary}\n`);
        if (record.instruction) context.io.stdout.write(`${record.instruction}\n`);
        if (record.outcome !== 'done') context.setExitCode(1);
      });
  },
};
