import type { RuleId } from './finding.js';

/**
 * One kind of key. The engine finds where a key may start (a literal prefilter, then decoders)
 * and asks the rule whether a key of its kind starts exactly there.
 */
export interface Rule {
  readonly id: RuleId;
  /** The fixed texts every key of this rule starts with (e.g. `unkey_`); the prefilter looks for them. */
  readonly leads: readonly string[];
  /**
   * The length of the key of this rule that starts at `start` of `text`, or 0 when there is none.
   * The engine checks the boundaries (no `[A-Za-z0-9_]` just before or just after the key).
   */
  match(text: string, start: number): number;
}
