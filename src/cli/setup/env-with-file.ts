import { resolve } from 'node:path';
import { readEnvFile } from './app-env-file.js';

/** The env file `serve`, `worker` and `setup` use unless told otherwise. */
export const DEFAULT_ENV_FILE = '.env';

/**
 * The environment with the env file's variables under it: a variable already set wins (as with
 * Probot and dotenv), so a deployment's own environment overrides the file. No file: `env` as is.
 */
export async function envWithFile(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  file = DEFAULT_ENV_FILE,
): Promise<Record<string, string | undefined>> {
  const fromFile = (await readEnvFile(resolve(cwd, file))) ?? {};
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) merged[name] = value;
  return merged;
}

/** Whether no App is configured at all (not one of its id and key): `serve` then runs setup. */
export function noAppConfigured(env: Readonly<Record<string, string | undefined>>): boolean {
  return ['APP_ID', 'PRIVATE_KEY', 'PRIVATE_KEY_PATH'].every((name) => (env[name] ?? '').trim() === '');
}
