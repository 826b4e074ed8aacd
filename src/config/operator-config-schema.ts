import picomatch from 'picomatch';
import { z } from 'zod';
import { formatConfigPath } from './format-config-path.js';
import { parseDuration } from './parse-duration.js';

// Messages complete "<path> …" and never quote the value: a pasted key must not reach a log.

/** `error` for a required setting: says "is required" when it is missing, else what it must be. */
const need =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? `is required: set it to ${what}` : `must be ${what}`;

const duration = (example: string, allowZero = false) =>
  z.string({ error: need(`a duration such as ${example} (units ms, s, m, h, d)`) }).transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || (ms === 0 && !allowZero)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a ${allowZero ? '' : 'positive '}duration such as ${example}, a number with a unit (ms, s, m, h, d)`,
      });
      return z.NEVER;
    }
    return ms;
  });
/** A YAML key written with nothing after it (`notify:`, its children commented out) means absent. */
const orAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema);

const bool = (what: string) => z.boolean({ error: need(`true or false (${what})`) });

const GLOB_HELP = 'an organisation name (acme) or an owner/repo glob (acme/api-*)';
const repoGlob = z.string({ error: need(GLOB_HELP) }).superRefine((value, ctx) => {
  const bad =
    value.trim() === '' ||
    value.length > 200 ||
    value.startsWith('/') ||
    value.startsWith('!') ||
    value.split('/').length > 2 ||
    !compiles(value);
  if (bad) ctx.addIssue({ code: 'custom', message: `must be ${GLOB_HELP}, without a leading / or !` });
});

function compiles(glob: string): boolean {
  try {
    picomatch.makeRe(glob, { strictBrackets: true });
    return true;
  } catch {
    return false;
  }
}

const REPO = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const repoName = z.string({ error: need('a repository as owner/name') }).regex(REPO, {
  error: 'must be a repository as owner/name, such as acme/api',
});
const orgName = z.string({ error: need('an organisation login, such as acme') }).regex(LOGIN, {
  error: 'must be an organisation login: letters, digits and dashes, such as acme',
});
const secretName = z
  .string({ error: need('a GitHub secret name such as UNKEY_ROOT_KEY') })
  .superRefine((value, ctx) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value) || value.length > 255)
      ctx.addIssue({
        code: 'custom',
        message:
          'must be a GitHub secret name: letters, digits and underscores, not starting with a digit, such as UNKEY_ROOT_KEY',
      });
    else if (/^GITHUB_/i.test(value))
      ctx.addIssue({
        code: 'custom',
        message: 'must not start with GITHUB_ (GitHub reserves those names); rename the secret',
      });
  });
const environmentName = z
  .string({ error: need('a GitHub environment name, such as production') })
  .regex(/^[^\p{Cc}/]{1,255}$/u, { error: 'must be a GitHub environment name, such as production' });

const POLICY_FIELDS = {
  mode: z.enum(['auto', 'approve', 'dry-run'], { error: need('auto, approve or dry-run') }),
  approveTimeout: duration('30m'),
  onApproveTimeout: z.enum(['contain', 'stop'], {
    error: need('contain (escalate, then contain) or stop (escalate and leave it to humans)'),
  }),
  confirmTimeout: duration('2m'),
  manualRevokeTimeout: duration('24h'),
  auditMargin: duration('10m', true),
  rerollAffected: bool('reroll affected API keys instead of tagging them'),
  purgeLogs: bool('delete the Actions run logs that held the key'),
};

const ruleSchema = z
  .strictObject(
    {
      match: repoGlob,
      mode: POLICY_FIELDS.mode.optional(),
      approveTimeout: POLICY_FIELDS.approveTimeout.optional(),
      onApproveTimeout: POLICY_FIELDS.onApproveTimeout.optional(),
      confirmTimeout: POLICY_FIELDS.confirmTimeout.optional(),
      manualRevokeTimeout: POLICY_FIELDS.manualRevokeTimeout.optional(),
      auditMargin: POLICY_FIELDS.auditMargin.optional(),
      rerollAffected: POLICY_FIELDS.rerollAffected.optional(),
      purgeLogs: POLICY_FIELDS.purgeLogs.optional(),
    },
    { error: 'must be a mapping with match and the policy settings it overrides' },
  )
  .superRefine((rule, ctx) => {
    if (Object.keys(rule).length === 1)
      ctx.addIssue({
        code: 'custom',
        message:
          'sets nothing besides match; add the settings it overrides (such as mode) or remove the rule',
      });
  })
  // Config names → `ResolvedPolicy` names; a setting the rule leaves out stays absent.
  .transform((rule) => ({
    /** An organisation name (`acme`, meaning `acme/*`) or an `owner/repo` glob, matched case-insensitively with picomatch. */
    match: rule.match,
    ...(rule.mode !== undefined ? { mode: rule.mode } : {}),
    ...(rule.approveTimeout !== undefined ? { approveTimeoutMs: rule.approveTimeout } : {}),
    ...(rule.onApproveTimeout !== undefined ? { onApproveTimeout: rule.onApproveTimeout } : {}),
    ...(rule.confirmTimeout !== undefined ? { confirmTimeoutMs: rule.confirmTimeout } : {}),
    ...(rule.manualRevokeTimeout !== undefined ? { manualRevokeTimeoutMs: rule.manualRevokeTimeout } : {}),
    ...(rule.auditMargin !== undefined ? { auditMarginMs: rule.auditMargin } : {}),
    ...(rule.rerollAffected !== undefined ? { rerollAffected: rule.rerollAffected } : {}),
    ...(rule.purgeLogs !== undefined ? { purgeLogs: rule.purgeLogs } : {}),
  }));

const policySchema = z
  .strictObject(
    {
      mode: POLICY_FIELDS.mode.default('auto'),
      approveTimeout: POLICY_FIELDS.approveTimeout.default(30 * 60_000),
      onApproveTimeout: POLICY_FIELDS.onApproveTimeout.default('contain'),
      confirmTimeout: POLICY_FIELDS.confirmTimeout.default(2 * 60_000),
      manualRevokeTimeout: POLICY_FIELDS.manualRevokeTimeout.default(24 * 60 * 60_000),
      auditMargin: POLICY_FIELDS.auditMargin.default(10 * 60_000),
      rerollAffected: POLICY_FIELDS.rerollAffected.default(false),
      purgeLogs: POLICY_FIELDS.purgeLogs.default(false),
      rules: orAbsent(
        z.array(ruleSchema, { error: 'must be a list of rules, each with match' }).max(500).default([]),
      ),
    },
    { error: 'must be a mapping of policy settings' },
  )
  // Config names → `ResolvedPolicy` names.
  .transform((policy) => ({
    /** `auto` contains at once; `approve` waits for an approval; `dry-run` reads only and reports what it would do. @defaultValue `auto` */
    mode: policy.mode,
    /** `approveTimeout`: how long `approve` waits for an approval. @defaultValue 30 minutes */
    approveTimeoutMs: policy.approveTimeout,
    /** `onApproveTimeout`: `contain` (escalate, then contain) or `stop` (escalate and leave it to humans). @defaultValue `contain` */
    onApproveTimeout: policy.onApproveTimeout,
    /** `confirmTimeout`: how long the confirm step probes for the leaked key to die. @defaultValue 2 minutes */
    confirmTimeoutMs: policy.confirmTimeout,
    /** `manualRevokeTimeout`: in the assisted path, how long to watch for a human to revoke the key. @defaultValue 24 hours */
    manualRevokeTimeoutMs: policy.manualRevokeTimeout,
    /** `auditMargin`: the audit window starts this long before the first exposure. @defaultValue 10 minutes */
    auditMarginMs: policy.auditMargin,
    /** Reroll the affected API keys (`keys.rerollKey`) instead of tagging them. @defaultValue false */
    rerollAffected: policy.rerollAffected,
    /** Delete the Actions run logs that held the key. @defaultValue false */
    purgeLogs: policy.purgeLogs,
    /** Applied in order to each repository they match. @defaultValue [] */
    rules: policy.rules,
  }));

const deploySchema = z
  .strictObject(
    {
      repo: repoName.optional(),
      org: orgName.optional(),
      environment: environmentName.optional(),
      secret: secretName,
    },
    { error: 'must be a mapping such as { repo: acme/api, secret: UNKEY_ROOT_KEY }' },
  )
  .superRefine((target, ctx) => {
    if ((target.repo === undefined) === (target.org === undefined))
      ctx.addIssue({ code: 'custom', message: 'must name exactly one of repo (owner/name) or org' });
    else if (target.org !== undefined && target.environment !== undefined)
      ctx.addIssue({
        code: 'custom',
        message:
          'sets environment with org; an environment belongs to a repository, so use repo instead of org',
      });
  })
  // The same shape as `src/sinks`' `DeployTarget`.
  .transform(
    (
      target,
    ):
      | { scope: 'repo'; repo: string; name: string }
      | { scope: 'environment'; repo: string; environment: string; name: string }
      | { scope: 'org'; org: string; name: string } => {
      if (target.org !== undefined) return { scope: 'org', org: target.org, name: target.secret };
      if (target.environment !== undefined)
        return {
          scope: 'environment',
          repo: target.repo!,
          environment: target.environment,
          name: target.secret,
        };
      return { scope: 'repo', repo: target.repo!, name: target.secret };
    },
  );

const fingerprint = z
  .string({ error: need('a key fingerprint') })
  .refine(
    (value) =>
      /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, 'base64').toString('base64') === value,
    {
      error:
        'must be a key fingerprint as rootguard reports it: the standard base64 of the key\'s SHA-256, 44 characters ending in "=" (never the key itself)',
    },
  );
const keyId = z
  .string({ error: need("the root key's id as Unkey shows it (key_…)") })
  .regex(/^key_[A-Za-z0-9]{1,251}$/, {
    error: "must be the root key's id as Unkey shows it, key_ followed by letters and digits",
  });
const permission = z
  .string({ error: need('an Unkey permission such as api.*.create_key') })
  .regex(/^[A-Za-z0-9_.*:-]{1,512}$/, { error: 'must be an Unkey permission such as api.*.create_key' });

const rootKeySchema = z
  .strictObject(
    {
      /** A name for people and for the replacement key. */
      name: z
        .string({ error: need('a name for the key, such as production') })
        .regex(/^\S(?:.{0,253}\S)?$/, { error: 'must be a name of 1 to 255 characters, such as production' }),
      /** Unkey's id of the root key (`key_…`). @defaultValue undefined */
      keyId: keyId.optional(),
      /** `base64(sha256(key))`, as rootguard reports leaks. @defaultValue undefined */
      fingerprint: fingerprint.optional(),
      /** Permissions to give a replacement when the key must be recreated rather than rerolled. @defaultValue undefined (copied by the reroll) */
      permissions: z.array(permission, { error: 'must be a list of Unkey permissions' }).max(1000).optional(),
      /** The GitHub secrets that hold the key, to update with its replacement. @defaultValue [] */
      deploy: z
        .array(deploySchema, { error: 'must be a list of GitHub secrets that hold the key' })
        .max(500)
        .default([]),
    },
    { error: 'must be a mapping with name, keyId or fingerprint, and deploy' },
  )
  .superRefine((entry, ctx) => {
    if (entry.keyId === undefined && entry.fingerprint === undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'has neither keyId nor fingerprint, so no leak can ever match it; add one of them',
      });
  });

const rootKeysSchema = z
  .array(rootKeySchema, { error: 'must be a list of root keys' })
  .max(1000)
  .default([])
  .superRefine((entries, ctx) => {
    for (const field of ['keyId', 'fingerprint'] as const) {
      const first = new Map<string, number>();
      entries.forEach((entry, i) => {
        const value = entry[field];
        if (value === undefined) return;
        const earlier = first.get(value);
        if (earlier === undefined) first.set(value, i);
        else
          ctx.addIssue({
            code: 'custom',
            path: [i, field],
            message: `is the same as rootKeys[${earlier}].${field}; each root key is listed once, so merge the two entries`,
          });
      });
    }
  });

const apiSchema = z.strictObject(
  {
    /** The API's id (`api_…`). */
    id: z.string({ error: need('an Unkey API id (api_…)') }).regex(/^api_[A-Za-z0-9]{1,251}$/, {
      error: 'must be an Unkey API id, api_ followed by letters and digits',
    }),
    /** The API stores keys recoverably: a root key with `decrypt_key` on it exposes every one. @defaultValue false */
    recoverableKeys: bool('the API stores keys recoverably').default(false),
  },
  { error: 'must be a mapping with id and recoverableKeys' },
);

const unkeySchema = z
  .strictObject(
    {
      /** The APIs whose keys the audit step inspects. @defaultValue [] */
      apis: z
        .array(apiSchema, { error: 'must be a list of APIs, each with id' })
        .max(1000)
        .default([])
        .superRefine((apis, ctx) => {
          const seen = new Set<string>();
          apis.forEach((api, i) => {
            if (seen.has(api.id))
              ctx.addIssue({
                code: 'custom',
                path: [i, 'id'],
                message: 'lists an API already listed; remove the duplicate',
              });
            seen.add(api.id);
          });
        }),
    },
    { error: 'must be a mapping with apis' },
  )
  .default({ apis: [] });

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// The reporting issue owns `notify`: check what is known, keep the rest.
const notifySchema = z
  .looseObject(
    {
      /** Slack incoming webhooks, by repository pattern. @defaultValue undefined */
      slack: z
        .array(
          z.strictObject(
            {
              /** An organisation or `owner/repo` glob, as in `policy.rules`. */
              match: repoGlob,
              /** The environment variable holding the webhook URL (the URL itself is a secret). */
              webhookUrlEnv: z
                .string({ error: need('the name of the environment variable holding the webhook URL') })
                .regex(ENV_NAME, {
                  error: 'must name the environment variable holding the webhook URL (never the URL itself)',
                }),
            },
            { error: 'must be a mapping with match and webhookUrlEnv' },
          ),
          { error: 'must be a list of routes, each with match and webhookUrlEnv' },
        )
        .optional(),
      /** `owner/repo` where incident issues are opened. @defaultValue undefined */
      issueRepo: repoName.optional(),
      /** GitHub logins assigned to incident issues. @defaultValue undefined */
      assignees: z
        .array(z.string().regex(LOGIN, { error: 'must be a GitHub login' }), {
          error: 'must be a list of GitHub logins',
        })
        .optional(),
    },
    { error: 'must be a mapping of reporting routes' },
  )
  .default({});

const TEAM = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const commandsSchema = z
  .strictObject(
    {
      /**
       * Teams (`org/team-slug`) whose members may approve, retry or close as a false positive any
       * incident, wherever its key was seen. @defaultValue []
       */
      responderTeams: z
        .array(
          z.string({ error: need('a team as org/team-slug') }).regex(TEAM, {
            error: 'must be a team as org/team-slug, such as acme/security',
          }),
          { error: 'must be a list of teams, each as org/team-slug' },
        )
        .max(100)
        .default([]),
    },
    { error: 'must be a mapping with responderTeams' },
  )
  .default({ responderTeams: [] });

const apiKeyPrefixesSchema = z
  .array(
    z
      .string({ error: need('an API key prefix: 1 to 16 letters, digits or underscores') })
      .regex(/^[A-Za-z0-9_]{1,16}$/, {
        error: 'must be an API key prefix: 1 to 16 letters, digits or underscores',
      }),
    { error: 'must be a list of API key prefixes' },
  )
  .max(20)
  .default([]);

/** The whole file. Its output is `OperatorConfig` (`operator-config.ts` derives the type from it). */
export const operatorConfigSchema = z.strictObject(
  {
    /** @defaultValue `auto` everywhere, with the defaults of `ResolvedPolicy` */
    policy: orAbsent(policySchema.default(() => policySchema.parse({}))),
    /** The inventory of root keys. @defaultValue [] */
    rootKeys: orAbsent(rootKeysSchema),
    /** @defaultValue `{ apis: [] }` */
    unkey: orAbsent(unkeySchema),
    /** @defaultValue {} */
    notify: orAbsent(notifySchema),
    /** @defaultValue `{ responderTeams: [] }` */
    commands: orAbsent(commandsSchema),
    /**
     * Prefixes of the customers' Unkey API keys (1–16 of `[A-Za-z0-9_]`): every log line masks
     * their keys, plain or encoded, as it masks root keys. @defaultValue []
     */
    apiKeyPrefixes: orAbsent(apiKeyPrefixesSchema),
  },
  { error: 'must be a YAML mapping of settings (policy, rootKeys, unkey, notify, commands, apiKeyPrefixes)' },
);

/** The settings an object at a path accepts, to list when a key is unknown there. */
const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': ['policy', 'rootKeys', 'unkey', 'notify', 'commands', 'apiKeyPrefixes'],
  policy: [...Object.keys(POLICY_FIELDS), 'rules'],
  'policy.rules[]': ['match', ...Object.keys(POLICY_FIELDS)],
  'rootKeys[]': ['name', 'keyId', 'fingerprint', 'permissions', 'deploy'],
  'rootKeys[].deploy[]': ['repo', 'org', 'environment', 'secret'],
  unkey: ['apis'],
  'unkey.apis[]': ['id', 'recoverableKeys'],
  'notify.slack[]': ['match', 'webhookUrlEnv'],
  commands: ['responderTeams'],
};

/** One sentence per problem of an issue, naming the path and the fix. */
export function describeIssue(issue: z.core.$ZodIssue, source: string): { path: string; message: string }[] {
  const at = formatConfigPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known = KNOWN_KEYS[at.replace(/\[\d+\]/g, '[]')];
    return issue.keys.map((raw) => {
      // A setting's name, cut short: the file's text is not echoed at length.
      const key = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
      const path = at ? `${at}.${key}` : key;
      const list = known ? ` (settings here: ${known.join(', ')})` : '';
      return { path, message: `In ${source}, ${path} is not a setting; remove it or fix its name${list}.` };
    });
  }
  const path = at || '(file)';
  const subject = at ? `${at} ` : 'the file ';
  const text =
    issue.code === 'too_big' ? `has too many entries (at most ${String(issue.maximum)})` : issue.message;
  return [{ path, message: `In ${source}, ${subject}${text}.` }];
}
