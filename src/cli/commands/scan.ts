import { Command, Option } from 'commander';
import type { CliCommand } from '../cli-command.js';
import { REPORT_FORMATS } from '../../report/formats/render-report.js';
import { runScan, type ScanOptions } from './run-scan.js';

const EXAMPLES = `
What is scanned:
  Files under each PATH (default: .), skipping .git and node_modules and what .gitignore files
  ignore. Binary files (a NUL byte in the first 8 KiB) are skipped and counted; symbolic links
  are never followed (counted). "-" reads standard input. With --git, the lines added by each
  commit instead, also in files .gitattributes marks binary or -diff (a file diff whose added
  lines hold a NUL byte is skipped and counted); PATHs then limit the history to those paths.

Suppressing findings:
  "rootguard:allow" on a line; .rootguardignore at the scan root (the current directory, or the
  repository root with --git): one fingerprint or path glob per line, # for comments; --baseline.

Output:
  The report goes to stdout; a one-line summary to stderr. No key is ever printed, only its
  masked form and fingerprint (base64 of its SHA-256, as Unkey stores it).
  Exit status: 0 nothing found, 1 something found, 2 error.

Examples:
  $ rootguard scan                                  scan the current directory
  $ rootguard scan src config/.env                  scan some paths
  $ kubectl logs deploy/api | rootguard scan -      scan standard input
  $ rootguard scan --git                            all commits reachable from HEAD
  $ rootguard scan --git origin/main..HEAD          the commits of a branch
  $ rootguard scan --git v1.2.0.. -- services/api   history of one folder since a tag
  $ rootguard scan --api-key-prefix acme            also find API keys like acme_…
  $ rootguard scan --format sarif > rootguard.sarif for GitHub code scanning
  $ rootguard scan --write-baseline baseline.json   record what is known now
  $ rootguard scan --baseline baseline.json         report only what is new
`;

function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `rootguard scan [PATH ...]`: find leaked Unkey keys in files, standard input or git history. */
export const scanCommand = {
  create(context) {
    return new Command('scan')
      .summary('find leaked Unkey keys in files, standard input or git history')
      .description('Find leaked Unkey root keys (and API keys with configured prefixes).')
      .argument('[paths...]', 'files and directories to scan, "-" for standard input (default: .)')
      .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
      .option(
        '--git [range]',
        'scan the lines added by the commits in RANGE (default: HEAD, i.e. all its history)',
      )
      .option(
        '--api-key-prefix <prefix>',
        'also detect customer API keys with this prefix (repeatable)',
        collect,
      )
      .option('--baseline <file>', 'do not report fingerprints listed in this earlier JSON report')
      .option('--write-baseline <file>', 'write the current findings as a JSON report, for --baseline')
      .addHelpText('after', EXAMPLES)
      .action(async (paths: string[], options: ScanOptions) => {
        context.setExitCode(await runScan(paths, options, context));
      });
  },
} satisfies CliCommand;
