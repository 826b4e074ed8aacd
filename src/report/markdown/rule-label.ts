import type { RuleId } from '../../detect/finding.js';

/** A rule's name for people. */
export function ruleLabel(ruleId: RuleId): string {
  switch (ruleId) {
    case 'unkey-root-key':
      return 'Unkey root key';
    case 'unkey-root-key-v1':
      return 'Unkey root key (v1 format)';
    case 'unkey-api-key':
      return 'Unkey API key';
  }
}

/** Root keys manage a whole Unkey workspace; API keys are the customer's own keys. */
export function isRootKeyRule(ruleId: RuleId): boolean {
  return ruleId !== 'unkey-api-key';
}
