import type { RuleId } from './finding.js';

/** A fixed text found at a fixed offset in every key of a rule, written plainly. */
export interface RuleAnchor {
  readonly text: string;
  /** Characters from the start of the key to the anchor. */
  readonly offset: number;
}

/**
 * One kind of key. The engine finds where a key may start (a literal prefilter, then decoders)
 * and asks the rule whether a key of its kind starts exactly there.
 */
export interface Rule {
  readonly id: RuleId;
  /** Texts every key of this rule starts with; the prefilter looks for their encoded forms. */
  readonly leads: readonly string[];
  /**
   * Texts the prefilter looks for in plainly written keys. The longer the shortest literal, the
   * fewer bytes the prefilter samples, so a rule whose lead is short anchors on a longer text.
   */
  readonly anchors: readonly RuleAnchor[];
  /**
   * The length of the key of this rule that starts at `start` of `text`, or 0 when there is none.
   * The engine checks the boundaries (no `[A-Za-z0-9_]` just before or just after the key).
   */
  match(text: string, start: number): number;
}
