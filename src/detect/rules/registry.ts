import type { Rule } from '../rule.js';
import { createUnkeyApiKeyRule } from './unkey-api-key.js';
import { unkeyRootKeyV1 } from './unkey-root-key-v1.js';
import { unkeyRootKey } from './unkey-root-key.js';

/** The rules in the order they are tried at a candidate; the first that matches names the finding. */
export function createRules(apiKeyPrefixes: readonly string[]): Rule[] {
  const rules: Rule[] = [unkeyRootKey, unkeyRootKeyV1];
  if (apiKeyPrefixes.length > 0) rules.push(createUnkeyApiKeyRule(apiKeyPrefixes));
  return rules;
}
