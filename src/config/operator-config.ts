import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { createDetector, type Detector } from '../detect/create-detector.js';
import { findingsFromHits } from '../detect/findings-from-hits.js';
import { ConfigError } from './errors.js';
import { describeIssue, operatorConfigSchema } from './operator-config-schema.js';

/** Makes a parsed value read-only all the way down: the config is shared and never changed. */
type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

// Every type below is derived from the schema (`operator-config-schema.ts`): the compiler checks
// that what the parser returns is what the rest of the code reads. The fields' meaning and
// defaults are documented on the schema.

/** The operator's configuration (`ROOTGUARD_CONFIG`): what repositories cannot change. */
export type OperatorConfig = DeepReadonly<z.output<typeof operatorConfigSchema>>;

/** `policy`: the defaults for every repository, then the rules that override them. */
export type PolicyConfig = OperatorConfig['policy'];

/** The playbook's policy for one repository, every field set. */
export type ResolvedPolicy = Omit<PolicyConfig, 'rules'>;

/** A policy override for some repositories: the fields it sets replace those of earlier layers. */
export type PolicyRule = PolicyConfig['rules'][number];

/** How a leak is contained: at once, after a human approves, or not at all (report only). */
export type PolicyMode = ResolvedPolicy['mode'];

/** What `approve` does when no one approves in time; both escalate first. */
export type ApproveTimeoutAction = ResolvedPolicy['onApproveTimeout'];

/** One root key of the inventory. It has a `keyId`, a `fingerprint` or both (else it can never match a leak). */
export type RootKeyEntry = OperatorConfig['rootKeys'][number];

/**
 * A GitHub secret that holds a root key: a repository's, an environment's or an organisation's.
 * The same shape as `src/sinks`' `DeployTarget`.
 */
export type DeployTargetConfig = RootKeyEntry['deploy'][number];

/** One Unkey API whose keys the audit step inspects. */
export type UnkeyApiConfig = OperatorConfig['unkey']['apis'][number];

/**
 * `notify`: where reports go. Validated loosely (the reporting issue owns it): the known fields
 * are checked, other fields are kept as they are.
 */
export type NotifyConfig = OperatorConfig['notify'];

/** A Slack route of `notify`. */
export type SlackRouteConfig = NonNullable<NotifyConfig['slack']>[number];

/** Who may run `/rootguard` commands beyond the users with write access everywhere a key was seen. */
export type CommandsConfig = OperatorConfig['commands'];

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
