import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseEnv } from 'node:util';
import { CliError } from '../errors.js';

/** The variables that say an App is already configured: setup refuses to replace them unless forced. */
export const APP_VARIABLES = ['APP_ID', 'PRIVATE_KEY', 'PRIVATE_KEY_PATH', 'WEBHOOK_SECRET'] as const;

/** The `.env` file's mode: the private key and the secrets are its owner's alone. */
export const ENV_FILE_MODE = 0o600;

/** The variables of an env file, or undefined when there is none. */
export async function readEnvFile(path: string): Promise<Record<string, string> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(
      'setup-failed',
      `${JSON.stringify(path)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  return parseEnv(text) as Record<string, string>;
}

/** The App variables `path` already sets (non-empty), in `APP_VARIABLES` order. */
export async function appVariablesIn(path: string): Promise<string[]> {
  const vars = (await readEnvFile(path)) ?? {};
  return APP_VARIABLES.filter((name) => (vars[name] ?? '').trim() !== '');
}

/** Throws `setup-refused` when `path` already configures an App and `force` is not set. */
export async function refuseExistingApp(path: string, force: boolean): Promise<void> {
  if (force) return;
  const set = await appVariablesIn(path);
  if (set.length > 0)
    throw new CliError(
      'setup-refused',
      `${JSON.stringify(path)} already configures a GitHub App (${set.join(', ')}); rootguard setup does not replace it: pass --force to replace it, or --env-file to write another file.`,
    );
}

/** `KEY="value"` with newlines as `\n` (dotenv's and Node's `--env-file` reading). */
function assignment(name: string, value: string): string {
  if (/["\\\r]/.test(value))
    throw new CliError('setup-failed', `${name} holds a character a .env file cannot hold.`);
  return `${name}="${value.replace(/\n/g, '\\n')}"`;
}

/**
 * Writes `values` into the env file at `path` with mode 0600: the other lines are kept, the
 * lines of the variables written (and of `APP_VARIABLES`) are replaced. The file is written
 * beside it under a temporary name and renamed over it, so a reader never sees half a file and
 * the secrets never sit in a file with a wider mode.
 */
export async function writeAppEnv(
  path: string,
  values: Readonly<Record<string, string>>,
  heading: string,
  options: { force: boolean },
): Promise<void> {
  await refuseExistingApp(path, options.force);
  let current = '';
  try {
    current = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const replaced = new Set<string>([...APP_VARIABLES, ...Object.keys(values)]);
  const kept = dropAssignments(current, replaced);
  const block = [`# ${heading}`, ...Object.entries(values).map(([name, value]) => assignment(name, value))];
  const text = `${kept === '' ? '' : `${kept.replace(/\n*$/, '')}\n\n`}${block.join('\n')}\n`;
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const file = await open(temporary, 'wx', ENV_FILE_MODE);
  try {
    await file.writeFile(text, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    // The mode given to open() is narrowed by the umask; set it exactly.
    await chmod(temporary, ENV_FILE_MODE);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * The env file's text without the assignments of `names`, multi-line quoted values included
 * (a `PRIVATE_KEY="-----BEGIN …` spread over lines goes whole).
 */
function dropAssignments(text: string, names: ReadonlySet<string>): string {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(["'`]?)(.*)$/.exec(line);
    if (!match || !names.has(match[1]!)) {
      out.push(line);
      continue;
    }
    const quote = match[2]!;
    // An opening quote not closed on its line: the value goes on to the line that closes it.
    if (quote !== '' && !match[3]!.includes(quote)) {
      while (i + 1 < lines.length && !lines[i + 1]!.includes(quote)) i++;
      i++;
    }
  }
  return out.join('\n');
}
