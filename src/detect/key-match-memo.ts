import type { RuleId } from './finding.js';
import type { KeyMatch } from './match-text.js';

/**
 * Lookups remembered: a v1 anchor looks back over at most MAX_ENCODED_CHAR_LENGTH × 14 bytes, so
 * text dense with leads (`unkey_…unkeyv1 unkey_…`) has a few starts per hit, shared with the next hits.
 */
const MAX_REMEMBERED = 16;

/**
 * The recent results of `matchText` at a start, for one batch of hits. Only results that did
 * not depend on the hit's window bounds belong here (the caller checks the margins).
 */
export class KeyMatchMemo {
  readonly #starts = new Float64Array(MAX_REMEMBERED).fill(-1);
  readonly #rules: (readonly RuleId[] | undefined)[] = new Array<undefined>(MAX_REMEMBERED);
  readonly #results: (KeyMatch | undefined)[] = new Array<undefined>(MAX_REMEMBERED);
  #next = 0;

  /** `[true, result]` when `start` was looked up for the same rules, else `[false]`. */
  get(start: number, rules: readonly RuleId[]): [boolean, KeyMatch?] {
    for (let i = 0; i < MAX_REMEMBERED; i++) {
      if (this.#starts[i] === start && this.#rules[i] === rules) return [true, this.#results[i]];
    }
    return [false];
  }

  set(start: number, rules: readonly RuleId[], result: KeyMatch | undefined): void {
    this.#starts[this.#next] = start;
    this.#rules[this.#next] = rules;
    this.#results[this.#next] = result;
    this.#next = (this.#next + 1) % MAX_REMEMBERED;
  }
}
