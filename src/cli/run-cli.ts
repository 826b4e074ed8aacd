import { Command, CommanderError } from 'commander';
import type { CliDeps, CommandContext } from './cli-command.js';
import type { CliIo } from './cli-io.js';
import { COMMANDS } from './commands/registry.js';
import { toCliError } from './errors.js';
import { readVersion } from './read-version.js';

/** The exit status of every error: bad option, unreadable path, bad range, malformed file. */
export const EXIT_ERROR = 2;

const EXAMPLES = `
Examples:
  $ rootguard scan                       scan the current directory
  $ rootguard scan --git                 scan the git history
  $ rootguard scan --help                options and more examples
`;

function createProgram(context: CommandContext): Command {
  const { io } = context;
  const program = new Command('rootguard')
    .description('Finds leaked Unkey root keys and helps contain them.')
    .version(context.version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`rootguard: ${text}`),
    })
    .addHelpText('after', EXAMPLES);
  for (const command of COMMANDS) program.addCommand(command.create(context).copyInheritedSettings(program));
  return program;
}

/** Runs the CLI with an explicit outside world and dependencies; returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  let exitCode = 0;
  const context: CommandContext = {
    io,
    deps,
    version: readVersion(),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  try {
    await createProgram(context).parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander has already printed its one-line message (or the help, or the version).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_ERROR;
    // The user's errors (the CLI's, and the sources' and config's it meets) print as `error`;
    // anything else is a bug. One line whatever the message holds (a path may hold a line break).
    const known = toCliError(error);
    const message = known?.message ?? (error instanceof Error ? error.message : String(error));
    const kind = known ? 'error' : `internal error (${(error as Error).name ?? 'unknown'})`;
    io.stderr.write(`rootguard: ${kind}: ${message.replace(/[\r\n]+/g, ' ')}\n`);
    return EXIT_ERROR;
  }
}
