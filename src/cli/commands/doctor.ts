import { Command, Option } from 'commander';
import type { CliCommand } from '../cli-command.js';

const HELP = `
Checks what a deployment needs, with the fix for each failure: Redis (noeviction, append-only
file, version), the GitHub App (credentials, permissions and events versus app.yml, webhook URL
and secret, installations), each deploy target's installation, the Unkey responder key (accepted,
the server's routes, the permissions each step needs) and each Slack route's variable.
Exit status: 0 when nothing failed (warnings allowed), 2 otherwise. Never prints a secret.

Environment: as for \`rootguard serve\`, with .env read the same way (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, ROOTGUARD_REDIS_URL,
GITHUB_API_URL, UNKEY_API_URL, UNKEY_ROOT_KEY, ROOTGUARD_CONFIG and the Slack variables it names).

Examples:
  $ rootguard doctor
  $ rootguard doctor --format json | jq '.checks[] | select(.state != "pass")'
`;

/** `rootguard doctor`: one table of checks of a deployment. */
export const doctorCommand: CliCommand = {
  create(context) {
    return new Command('doctor')
      .summary('check Redis, the GitHub App, Unkey and Slack settings, with a fix for each failure')
      .description('Check everything a rootguard deployment needs and say how to fix what fails.')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .addHelpText('after', HELP)
      .action(async (opts: { format: 'text' | 'json' }) => {
        // Loaded on use: doctor pulls in Probot, ioredis and the Unkey client.
        const { runDoctor } = await import('../doctor/run-doctor.js');
        const { renderDoctorJson, renderDoctorText } = await import('../doctor/render-doctor-report.js');
        const { doctorExitCode } = await import('../doctor/doctor-check.js');
        // The same environment `serve` and `worker` start with: `.env` (what `rootguard setup`
        // writes) under the process's own variables.
        const { envWithFile } = await import('../setup/env-with-file.js');
        const env = await envWithFile(context.io.env, context.io.cwd);
        const checks = await runDoctor({ env: env as NodeJS.ProcessEnv });
        context.io.stdout.write(opts.format === 'json' ? renderDoctorJson(checks) : renderDoctorText(checks));
        context.setExitCode(doctorExitCode(checks));
      });
  },
};
