// Findings for report and publishing tests, made from keys generated at run time: the key itself
// is returned only for the tests' own "nothing leaked" checks, and never written anywhere.
import type { RuleId } from '../../src/detect/finding.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { maskKey } from '../../src/detect/mask.js';
import type { CommitLocation } from '../../src/sources/occurrences/commit-line.js';
import type { JobLogLocation } from '../../src/sources/occurrences/job-log-line.js';
import type { SourceFinding } from '../../src/sources/scan-result.js';
import { UNKEY_PREFIX, type KeyGenerator } from './keygen.js';

/** A hex string of `n` characters from the generator (commit SHAs). */
export function hex(gen: KeyGenerator, n = 40): string {
  let out = '';
  for (let i = 0; i < n; i++) out += '0123456789abcdef'[gen.int(0, 15)];
  return out;
}

/** A fresh key of the rule's format. */
export function keyFor(gen: KeyGenerator, ruleId: RuleId): string {
  if (ruleId === 'unkey-root-key-v1') return gen.rootKeyV1();
  if (ruleId === 'unkey-api-key') return gen.apiKey('acme_live');
  return gen.rootKey();
}

/** A finding of `key` at `location`, as a source would report it. */
export function sourceFinding(
  key: string,
  ruleId: RuleId,
  location: CommitLocation | JobLogLocation,
  exposedAt = '2026-11-27T12:00:00Z',
): SourceFinding {
  const path = location.kind === 'commit' ? location.path : `job-${location.jobId}.log`;
  return {
    finding: {
      ruleId,
      path,
      line: location.line,
      column: 7,
      fingerprint: fingerprintKey(key),
      masked: maskKey(key),
    },
    location,
    exposedAt,
  };
}

/** A commit location in `owner/app`. */
export function commitAt(commit: string, path: string, line: number, pullRequest?: number): CommitLocation {
  return {
    kind: 'commit',
    repo: 'owner/app',
    commit,
    path,
    line,
    column: 7,
    author: 'Dev <dev@example.com>',
    ...(pullRequest === undefined ? {} : { pullRequest }),
  };
}

/** Fails when any of `keys` appears in `text` (a request body, a rendered string). */
export function leakedKeys(text: string, keys: readonly string[]): string[] {
  return keys.filter((key) => text.includes(key));
}

/** Everything in `text` shaped like an Unkey root key (`unkey_` + 8 or more letters or digits). */
export function keyShaped(text: string): string[] {
  return text.match(new RegExp(`${UNKEY_PREFIX}[A-Za-z0-9]{8,}`, 'g')) ?? [];
}
