import { Command, Option } from 'commander';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../errors.js';

const HELP = `
GitHub creates the App from rootguard's app.yml (its permissions and events) on a page this
command serves on 127.0.0.1; its id, private key, webhook secret, slug and OAuth client go to the
env file (mode 0600), which \`rootguard serve\` reads. Nothing is printed but their names.

Examples:
  $ rootguard setup --webhook-url https://rootguard.example.com
  $ rootguard setup --webhook-url https://smee.io/CHANNEL     try it from a laptop (webhook proxy)
  $ rootguard setup --org acme                                 an App owned by an organization
  $ rootguard setup --github-url https://ghes.example.com      GitHub Enterprise Server
`;

function parsePort(value: string): number {
  const port = /^[0-9]{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535))
    throw new CliError(
      'bad-option',
      `--port must be a TCP port number from 0 to 65535; got ${JSON.stringify(value)}.`,
    );
  return port;
}

/** `rootguard setup`: registers the GitHub App through GitHub's manifest flow. */
export const setupCommand: CliCommand = {
  create(context) {
    return new Command('setup')
      .summary('register the GitHub App from app.yml and write its credentials to .env')
      .description(
        "Registers rootguard as a GitHub App through GitHub's App manifest flow, from a page served on 127.0.0.1, and writes the App's credentials to an env file (mode 0600).",
      )
      .option(
        '--webhook-url <url>',
        'where GitHub delivers webhooks (your deployment, or a smee.io channel); asked on the page when not given',
      )
      .option('--name <name>', "the App's name on GitHub (default: app.yml's)")
      .option('--org <login>', 'register the App for an organization instead of your account')
      .option(
        '--github-url <url>',
        'GitHub Enterprise Server: its web address, https://HOST',
        'https://github.com',
      )
      .option(
        '--github-api-url <url>',
        'the REST API (default https://api.github.com, or <github-url>/api/v3)',
      )
      .option('--env-file <path>', 'the env file to write', '.env')
      .option('--force', 'replace the App the env file already configures', false)
      .addOption(
        new Option('--port <port>', 'the setup page port on 127.0.0.1').default(3000).argParser(parsePort),
      )
      .addHelpText('after', HELP)
      .action(async (opts: Record<string, unknown>) => {
        // Loaded here: Probot stays out of `rootguard scan`'s start-up.
        const { runSetup } = await import('../setup/run-setup.js');
        await runSetup(
          {
            envFile: opts['envFile'] as string,
            force: opts['force'] === true,
            githubUrl: opts['githubUrl'] as string,
            port: opts['port'] as number,
            ...(typeof opts['githubApiUrl'] === 'string' ? { githubApiUrl: opts['githubApiUrl'] } : {}),
            ...(typeof opts['name'] === 'string' ? { name: opts['name'] } : {}),
            ...(typeof opts['webhookUrl'] === 'string' ? { webhookUrl: opts['webhookUrl'] } : {}),
            ...(typeof opts['org'] === 'string' ? { org: opts['org'] } : {}),
          },
          { cwd: context.io.cwd, env: context.io.env, stderr: context.io.stderr },
        );
      });
  },
};
