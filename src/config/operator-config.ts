import { parseDocument } from 'yaml';
import { createDetector, type Detector } from '../detect/create-detector.js';
import { findingsFromHits } from '../detect/findings-from-hits.js';
import { ConfigError } from './errors.js';
import { describeIssue, operatorConfigSchema } from './operator-config-schema.js';

/** How a leak is contained: at once, after a human approves, or not at all (report only). */
export type PolicyMode = 'auto' | 'approve' | 'dry-run';

/** What `approve` does when no one approves in time; both escalate first. */
export type ApproveTimeoutAction = 'contain' | 'stop';

/** The playbook's policy for one repository, every field set. */
export interface ResolvedPolicy {
  /** `auto` contains at once; `approve` waits for an approval; `dry-run` reads only and reports what it would do. @defaultValue `auto` */
  readonly mode: PolicyMode;
  /** `approveTimeout`: how long `approve` waits for an approval. @defaultValue 30 minutes */
  readonly approveTimeoutMs: number;
  /** `onApproveTimeout`: `contain` (escalate, then contain) or `stop` (escalate and leave it to humans). @defaultValue `contain` */
  readonly onApproveTimeout: ApproveTimeoutAction;
  /** `confirmTimeout`: how long the confirm step probes for the leaked key to die. @defaultValue 2 minutes */
  readonly confirmTimeoutMs: number;
  /** `manualRevokeTimeout`: in the assisted path, how long to watch for a human to revoke the key. @defaultValue 24 hours */
  readonly manualRevokeTimeoutMs: number;
  /** `auditMargin`: the audit window starts this long before the first exposure. @defaultValue 10 minutes */
  readonly auditMarginMs: number;
  /** Reroll the affected API keys (`keys.rerollKey`) instead of tagging them. @defaultValue false */
  readonly rerollAffected: boolean;
  /** Delete the Actions run logs that held the key. @defaultValue false */
  readonly purgeLogs: boolean;
}

/** A policy override for some repositories: the fields it sets replace those of earlier layers. */
export interface PolicyRule extends Partial<ResolvedPolicy> {
  /**
   * An organisation name (`acme`, meaning `acme/*`) or an `owner/repo` glob (`acme/api-*`),
   * matched case-insensitively with picomatch.
   */
  readonly match: string;
}

/** `policy`: the defaults for every repository, then the rules that override them. */
export interface PolicyConfig extends ResolvedPolicy {
  /** Applied in order to each repository they match. @defaultValue [] */
  readonly rules: readonly PolicyRule[];
}

/**
 * A GitHub secret that holds a root key: a repository's, an environment's or an organisation's.
 * The same shape as `src/sinks`' `DeployTarget`.
 */
export type DeployTargetConfig =
  | { readonly scope: 'repo'; readonly repo: string; readonly name: string }
  | {
      readonly scope: 'environment';
      readonly repo: string;
      readonly environment: string;
      readonly name: string;
    }
  | { readonly scope: 'org'; readonly org: string; readonly name: string };

/** One root key of the inventory. It has a `keyId`, a `fingerprint` or both (else it can never match a leak). */
export interface RootKeyEntry {
  /** A name for people and for the replacement key. */
  readonly name: string;
  /** Unkey's id of the root key (`key_…`). @defaultValue undefined */
  readonly keyId?: string;
  /** `base64(sha256(key))`, as rootguard reports leaks. @defaultValue undefined */
  readonly fingerprint?: string;
  /** Permissions to give a replacement when the key must be recreated rather than rerolled. @defaultValue undefined (copied by the reroll) */
  readonly permissions?: readonly string[];
  /** The GitHub secrets that hold the key, to update with its replacement. @defaultValue [] */
  readonly deploy: readonly DeployTargetConfig[];
}

/** One Unkey API whose keys the audit step inspects. */
export interface UnkeyApiConfig {
  /** The API's id (`api_…`). */
  readonly id: string;
  /** The API stores keys recoverably: a root key with `decrypt_key` on it exposes every one. @defaultValue false */
  readonly recoverableKeys: boolean;
}

/** A Slack route of `notify`. */
export interface SlackRouteConfig {
  /** An organisation or `owner/repo` glob, as in `policy.rules`. */
  readonly match: string;
  /** The environment variable holding the webhook URL (the URL itself is a secret). */
  readonly webhookUrlEnv: string;
}

/**
 * `notify`: where reports go. Validated loosely (the reporting issue owns it): the fields below
 * are checked, other fields are kept as they are.
 */
export interface NotifyConfig {
  /** Slack incoming webhooks, by repository pattern. @defaultValue undefined */
  readonly slack?: readonly SlackRouteConfig[];
  /** `owner/repo` where incident issues are opened. @defaultValue undefined */
  readonly issueRepo?: string;
  /** GitHub logins assigned to incident issues. @defaultValue undefined */
  readonly assignees?: readonly string[];
  readonly [setting: string]: unknown;
}

/** The operator's configuration (`ROOTGUARD_CONFIG`): what repositories cannot change. */
export interface OperatorConfig {
  /** @defaultValue `auto` everywhere, with the defaults of `ResolvedPolicy` */
  readonly policy: PolicyConfig;
  /** The inventory of root keys. @defaultValue [] */
  readonly rootKeys: readonly RootKeyEntry[];
  readonly unkey: {
    /** The APIs whose keys the audit step inspects. @defaultValue [] */
    readonly apis: readonly UnkeyApiConfig[];
  };
  /** @defaultValue {} */
  readonly notify: NotifyConfig;
  /** @defaultValue `{ responderTeams: [] }` */
  readonly commands: CommandsConfig;
  /**
   * Prefixes of the customers' Unkey API keys (1–16 of `[A-Za-z0-9_]`): every log line masks
   * their keys, plain or encoded, as it masks root keys. @defaultValue []
   */
  readonly apiKeyPrefixes: readonly string[];
}

/** Who may run `/rootguard` commands beyond the users with write access everywhere a key was seen. */
export interface CommandsConfig {
  /**
   * Teams (`org/team-slug`) whose members may approve, retry or close as a false positive any
   * incident, wherever its key was seen. @defaultValue []
   */
  readonly responderTeams: readonly string[];
}

const MINUTE = 60_000;

export const DEFAULT_POLICY: ResolvedPolicy = Object.freeze({
  mode: 'auto',
  approveTimeoutMs: 30 * MINUTE,
  onApproveTimeout: 'contain',
  confirmTimeoutMs: 2 * MINUTE,
  manualRevokeTimeoutMs: 24 * 60 * MINUTE,
  auditMarginMs: 10 * MINUTE,
  rerollAffected: false,
  purgeLogs: false,
});

export const DEFAULT_OPERATOR_CONFIG: OperatorConfig = Object.freeze({
  policy: Object.freeze({ ...DEFAULT_POLICY, rules: Object.freeze([]) }),
  rootKeys: Object.freeze([]),
  unkey: Object.freeze({ apis: Object.freeze([]) }),
  notify: Object.freeze({}),
  commands: Object.freeze({ responderTeams: Object.freeze([]) }),
  apiKeyPrefixes: Object.freeze([]),
});

/** The largest config file read; a larger one is refused (it is a few dozen lines in practice). */
export const MAX_OPERATOR_CONFIG_BYTES = 1024 * 1024;

const DEFAULT_SOURCE = 'the operator config';
/** YAML aliases expanded at most: a "billion laughs" file is refused, not expanded. */
const MAX_ALIAS_COUNT = 100;

let detector: Detector | undefined;

/**
 * Parses and validates the operator config's YAML text. Empty text gives the defaults. Throws a
 * `ConfigError` (`field` `ROOTGUARD_CONFIG`) with one sentence per problem, each naming its path
 * (`policy.rules[1].mode`) and the fix; values are never echoed. A file that holds anything
 * key-shaped is refused outright: the config names keys by id or fingerprint, never by value.
 * @param source names the file in messages. @defaultValue `the operator config`
 */
export function parseOperatorConfig(text: string, source: string = DEFAULT_SOURCE): OperatorConfig {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > MAX_OPERATOR_CONFIG_BYTES)
    fail('config-invalid', [
      {
        path: '(file)',
        message: `${source} is larger than ${MAX_OPERATOR_CONFIG_BYTES} bytes; it should be a few dozen lines of settings.`,
      },
    ]);
  refuseKeys(bytes, source);
  const doc = parseDocument(text, { uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    // Line, column and code only: the parser's own message quotes the file.
    const pos = syntax.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    fail('config-invalid', [
      {
        path: '(file)',
        message: `${source} is not valid YAML${where} (${syntax.code}); fix the syntax there.`,
      },
    ]);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    fail('config-invalid', [
      {
        path: '(file)',
        message: `${source} expands YAML aliases too many times; write the settings out without aliases.`,
      },
    ]);
  }
  if (raw === null || raw === undefined) return DEFAULT_OPERATOR_CONFIG;
  const parsed = operatorConfigSchema.safeParse(raw);
  if (!parsed.success)
    fail(
      'config-invalid',
      parsed.error.issues.flatMap((issue) => describeIssue(issue, source)),
    );
  return parsed.data;
}

/** Refuses bytes holding a key, allow markers or not: a config file is never the place for one. */
function refuseKeys(bytes: Uint8Array, source: string): void {
  detector ??= createDetector();
  const hits = detector.prefilter.scan(bytes, 0, bytes.length, bytes.length);
  const first = hits.length === 0 ? undefined : findingsFromHits(detector, bytes, hits)[0];
  if (first === undefined) return;
  let line = 1;
  for (let i = 0; i < first.at; i++) if (bytes[i] === 0x0a) line++;
  fail('config-invalid', [
    {
      path: '(file)',
      message: `${source} holds what looks like an Unkey root key at line ${line}: the config names keys by keyId or fingerprint, never by value; remove it (and treat that key as leaked).`,
    },
  ]);
}

function fail(code: 'config-invalid', problems: { path: string; message: string }[]): never {
  throw new ConfigError(code, 'ROOTGUARD_CONFIG', problems.map((p) => p.message).join(' '), problems);
}
