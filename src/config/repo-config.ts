import picomatch from 'picomatch';
import { z } from 'zod';
import { formatConfigPath } from './format-config-path.js';

/** Where a repository keeps its rootguard settings. */
export const REPO_CONFIG_PATH = '.github/rootguard.yml';
/** At most this many `paths.ignore` globs. */
export const MAX_IGNORE_GLOBS = 200;
/** At most this many `allow` fingerprints. */
export const MAX_ALLOWED_FINGERPRINTS = 1_000;
/** At most this many `apiKeyPrefixes`. */
export const MAX_API_KEY_PREFIXES = 20;
/** The longest glob accepted. */
export const MAX_GLOB_LENGTH = 500;

/**
 * Settings the operator owns (where keys are sent, who is notified, how keys are contained): a
 * repository's file must not set them, because a push could otherwise redirect a leak's report.
 */
export const OPERATOR_KEYS: readonly string[] = [
  'notify',
  'policy',
  'rootKeys',
  'unkey',
  'slack',
  'playbook',
  'sinks',
];

/** `.github/rootguard.yml`, validated, with defaults filled in. It can only narrow a scan. */
export interface RepoConfig {
  readonly paths: {
    /** Globs of repository paths not to scan (picomatch, matched against the whole path; `dir/` means `dir/**`). @defaultValue [] */
    readonly ignore: readonly string[];
  };
  /** Fingerprints (`base64(sha256(key))`) of keys known to be harmless (test fixtures, revoked). @defaultValue [] */
  readonly allow: readonly string[];
  readonly logs: {
    /** Scan each finished Actions job's log. @defaultValue true */
    readonly scan: boolean;
    /** Also scan each finished run's log archive (a backstop). @defaultValue false */
    readonly archive: boolean;
  };
  /** Prefixes of the repository's own Unkey API keys to detect too (1–16 of `[A-Za-z0-9_]`). @defaultValue [] */
  readonly apiKeyPrefixes: readonly string[];
}

/** Something wrong in the file: where (`paths.ignore[2]`), and one sentence with the fix. */
export interface ConfigProblem {
  /** The field path, or `(file)` when the file as a whole is at fault. */
  readonly path: string;
  readonly message: string;
}

export interface RepoConfigResult {
  /** The settings to scan with: the file's when it is valid, the defaults otherwise. */
  readonly config: RepoConfig;
  /** Empty when the file is valid or absent. */
  readonly problems: readonly ConfigProblem[];
}

export const DEFAULT_REPO_CONFIG: RepoConfig = Object.freeze({
  paths: Object.freeze({ ignore: Object.freeze([]) }),
  allow: Object.freeze([]),
  logs: Object.freeze({ scan: true, archive: false }),
  apiKeyPrefixes: Object.freeze([]),
});

const SETTINGS = 'paths, allow, logs, apiKeyPrefixes';
const GLOB_FIX = 'must be a glob relative to the repository root, such as "docs/**" or "**/*.snap"';

const glob = z.string({ error: `${GLOB_FIX}` }).superRefine((value, ctx) => {
  const reason = globProblem(value);
  if (reason) ctx.addIssue({ code: 'custom', message: `${GLOB_FIX}; ${reason}` });
});
const fingerprint = z
  .string({
    error: 'must be a key fingerprint as rootguard reports it (44 characters of base64 ending in "=")',
  })
  .regex(/^[A-Za-z0-9+/]{43}=$/, {
    error:
      'must be a key fingerprint as rootguard reports it: the standard base64 of the key\'s SHA-256, 44 characters ending in "=" (never the key itself)',
  });
const prefix = z
  .string({ error: 'must be an API key prefix: 1 to 16 letters, digits or underscores' })
  .regex(/^[A-Za-z0-9_]{1,16}$/, {
    error: 'must be an API key prefix: 1 to 16 letters, digits or underscores',
  });
const bool = (what: string) => z.boolean({ error: `must be true or false (${what})` });

const schema = z.strictObject({
  paths: z
    .strictObject(
      {
        ignore: z
          .array(glob, { error: 'must be a list of globs' })
          .max(MAX_IGNORE_GLOBS, { error: `must list at most ${MAX_IGNORE_GLOBS} globs` })
          .default([]),
      },
      { error: 'must be a mapping with an "ignore" list' },
    )
    .default({ ignore: [] }),
  allow: z
    .array(fingerprint, { error: 'must be a list of key fingerprints' })
    .max(MAX_ALLOWED_FINGERPRINTS, { error: `must list at most ${MAX_ALLOWED_FINGERPRINTS} fingerprints` })
    .default([]),
  logs: z
    .strictObject(
      {
        scan: bool("scan each finished job's log").default(true),
        archive: bool("scan each finished run's log archive").default(false),
      },
      { error: 'must be a mapping with "scan" and "archive"' },
    )
    .default({ scan: true, archive: false }),
  apiKeyPrefixes: z
    .array(prefix, { error: 'must be a list of API key prefixes' })
    .max(MAX_API_KEY_PREFIXES, { error: `must list at most ${MAX_API_KEY_PREFIXES} prefixes` })
    .default([]),
});

/**
 * Validates a parsed `.github/rootguard.yml`. Absent (`undefined`/`null`) gives the defaults.
 * Any problem gives the defaults plus the problems: the scan runs with the defaults (which scan
 * the most) and the check run lists the problems. Values are not echoed, except globs.
 */
export function parseRepoConfig(raw: unknown): RepoConfigResult {
  if (raw === undefined || raw === null) return { config: DEFAULT_REPO_CONFIG, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return invalid([
      {
        path: '(file)',
        message: `${REPO_CONFIG_PATH} must be a YAML mapping of settings (${SETTINGS}); it holds a ${Array.isArray(raw) ? 'list' : typeof raw}.`,
      },
    ]);
  const problems: ConfigProblem[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (OPERATOR_KEYS.includes(key))
      problems.push({
        path: key,
        message: `${key} is operator configuration (where leaks are reported and how keys are contained), which a repository cannot set; remove it from ${REPO_CONFIG_PATH}.`,
      });
    else rest[key] = value;
  }
  const parsed = schema.safeParse(rest);
  if (!parsed.success) problems.push(...parsed.error.issues.flatMap(toProblems));
  if (problems.length > 0 || !parsed.success) return invalid(problems);
  return { config: parsed.data, problems: [] };
}

function invalid(problems: ConfigProblem[]): RepoConfigResult {
  return { config: DEFAULT_REPO_CONFIG, problems };
}

function toProblems(issue: z.core.$ZodIssue): ConfigProblem[] {
  const at = formatConfigPath(issue.path);
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => {
      const path = at ? `${at}.${key}` : key;
      return {
        path,
        message: `${path} is not a setting of ${REPO_CONFIG_PATH}; remove it${at ? '' : ` (settings: ${SETTINGS})`}.`,
      };
    });
  const path = at || '(file)';
  return [{ path, message: `${path} ${issue.message}.` }];
}

/** Why a glob cannot be used, or undefined when it can. */
function globProblem(value: string): string | undefined {
  if (value.trim() === '') return 'it is empty';
  if (value.length > MAX_GLOB_LENGTH) return `it is longer than ${MAX_GLOB_LENGTH} characters`;
  if (value.startsWith('/'))
    return `${JSON.stringify(value)} starts with "/": write it without the leading slash`;
  // A negated ignore glob would ignore everything else: list what to skip instead.
  if (value.startsWith('!'))
    return `${JSON.stringify(value)} is negated ("!"), which is not supported: list the paths to skip`;
  try {
    picomatch.makeRe(value, { strictBrackets: true, dot: true });
  } catch (error) {
    return `${JSON.stringify(value)} is not a valid glob (${error instanceof Error ? error.message : 'unknown error'})`;
  }
  return undefined;
}
