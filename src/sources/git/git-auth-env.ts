import { join } from 'node:path';

/**
 * The environment for git talking to GitHub with an installation token. The token travels as an
 * `http.extraHeader` set through `GIT_CONFIG_*` variables: never in argv (visible in `ps`), never
 * in the URL (git prints URLs in errors), never in a config file. The user's and system's git
 * config are not read, and git never prompts.
 */
export function gitAuthEnv(token: string | undefined, home: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    PATH: process.env['PATH'],
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(home, 'gitconfig'),
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
  };
  if (token === undefined) return env;
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return {
    ...env,
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.extraHeader',
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
  };
}
