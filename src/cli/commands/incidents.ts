import { isAbsolute, resolve } from 'node:path';
import { Command } from 'commander';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../errors.js';

const HELP = `
One JSON line per incident created in [--since, --until): the incident, its occurrences, every
playbook run with its steps, its timeline and what the reporters sent; masked as stored (the
fingerprint and the masked key, never the key). The same lines the daily retention job writes to
ROOTGUARD_ARCHIVE_DIR before it removes finished incidents.

Environment: ROOTGUARD_REDIS_URL (and ROOTGUARD_REDIS_CLUSTER), ROOTGUARD_PREFIX, as for \`rootguard worker\`;
no App settings are needed.

Examples:
  $ rootguard incidents export --since 2026-01-01 > incidents.jsonl
  $ rootguard incidents export --since 2026-01-01 --until 2026-07-01 --out h1.jsonl
`;

/** A date (`2026-01-01`, UTC midnight) or an ISO 8601 time with its zone. */
const DATE =
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,3})?)?(?:Z|[+-][0-9]{2}:[0-9]{2}))?$/;

function parseDate(option: string, value: string): Date {
  const date = DATE.test(value) ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime()))
    throw new CliError(
      'bad-option',
      `${option} must be a date such as 2026-01-01 (UTC) or an ISO 8601 time with its zone such as 2026-01-01T09:30:00Z; got ${JSON.stringify(value.slice(0, 40))}.`,
    );
  return date;
}

/** `rootguard incidents`: the incidents in Redis (`export` for now). */
export const incidentsCommand: CliCommand = {
  create(context) {
    const incidents = new Command('incidents').summary('work with the stored incidents (export)');
    incidents
      .command('export')
      .summary('write incidents as JSON lines (one per incident, masked as stored)')
      .description(
        'Write the incidents created in a window as JSON lines, one per incident, masked as stored.',
      )
      .requiredOption('--since <date>', 'incidents created at or after this date or time')
      .option('--until <date>', 'and before this date or time (default: now)')
      .option('--out <file>', 'write to this new file (mode 0600) instead of stdout')
      .addHelpText('after', HELP)
      .action(async (opts: { since: string; until?: string; out?: string }) => {
        const since = parseDate('--since', opts.since);
        const until = opts.until === undefined ? undefined : parseDate('--until', opts.until);
        if (until !== undefined && until.getTime() <= since.getTime())
          throw new CliError('bad-option', '--until must be later than --since.');
        const out =
          opts.out === undefined
            ? undefined
            : isAbsolute(opts.out)
              ? opts.out
              : resolve(context.io.cwd, opts.out);
        const { exportIncidentsTo } = await import('../runtime/export-incidents-to.js');
        const count = await exportIncidentsTo({
          env: context.io.env as NodeJS.ProcessEnv,
          since,
          ...(until ? { until } : {}),
          ...(out !== undefined ? { out } : { stdout: context.io.stdout }),
        }).catch((error: unknown) => {
          if (!(error instanceof Error)) throw error;
          if (['ConfigError', 'RedisPolicyError', 'QueueUnavailableError'].includes(error.name))
            throw new CliError('cannot-start', error.message);
          // An incident that holds key material, or kept changing: the export stops, saying which.
          if (error.name === 'IncidentError') throw new CliError('export-failed', error.message);
          throw error;
        });
        context.io.stderr.write(
          `rootguard: exported ${count} incident${count === 1 ? '' : 's'}${out !== undefined ? ` to ${out}` : ''}\n`,
        );
      });
    return incidents;
  },
};
