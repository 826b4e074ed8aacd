import { base58Digit, decodeBase58 } from '../base58.js';
import { DetectError } from '../errors.js';
import { looksRandom } from '../key-floor.js';
import { maskKey } from '../mask.js';
import type { Rule } from '../rule.js';

const MAX_PREFIX_LENGTH = 16;
const PREFIX_PATTERN = new RegExp(`^[A-Za-z0-9_]{1,${MAX_PREFIX_LENGTH}}$`);
const RULE_ID = 'unkey-api-key';
/** 16 random bytes encode to 21 or 22 base58 characters. */
const MIN_BODY_LENGTH = 21;
const MAX_BODY_LENGTH = 22;
const RAW_LENGTH = 16;

/**
 * How an invalid prefix is named in an error. Anything longer than a valid prefix may be a key
 * pasted into the wrong setting, so it is shown masked, like every key.
 */
function describePrefix(prefix: string): string {
  return prefix.length <= MAX_PREFIX_LENGTH
    ? JSON.stringify(prefix)
    : `${JSON.stringify(maskKey(prefix))} (${prefix.length} characters)`;
}

/**
 * Customer API keys (`prefix_` + base58 of 16 random bytes), only for the prefixes the operator
 * configures: the shape alone is weak evidence. Throws `DetectError` naming a bad prefix.
 */
export function createUnkeyApiKeyRule(prefixes: readonly string[]): Rule {
  for (const prefix of prefixes) {
    if (!PREFIX_PATTERN.test(prefix)) {
      throw new DetectError(
        'bad-api-key-prefix',
        `Rule ${RULE_ID}: API key prefix ${describePrefix(prefix)} is invalid; use 1 to 16 characters of [A-Za-z0-9_].`,
      );
    }
  }
  // Longest first, so `acme_live` wins over `acme` when both are configured.
  const leads = [...new Set(prefixes)].sort((a, b) => b.length - a.length).map((p) => `${p}_`);
  return {
    id: RULE_ID,
    leads,
    anchors: leads.map((text) => ({ text, offset: 0 })),
    match(text: string, start: number): number {
      for (const lead of leads) {
        if (!text.startsWith(lead, start)) continue;
        const from = start + lead.length;
        let end = from;
        while (end < text.length && end - from < MAX_BODY_LENGTH && base58Digit(text.charCodeAt(end)) >= 0)
          end++;
        if (end - from < MIN_BODY_LENGTH) continue;
        const body = text.slice(from, end);
        if (decodeBase58(body)?.length !== RAW_LENGTH || !looksRandom(body)) continue;
        return end - start;
      }
      return 0;
    },
  };
}
