import type { RuleId } from '../../detect/finding.js';

/** How a rule is described to people and to code scanning (SARIF `reportingDescriptor`). */
export interface RuleDoc {
  /** PascalCase name. */
  readonly name: string;
  readonly shortDescription: string;
  readonly fullDescription: string;
  /** What to do, as markdown (the text form drops the markup). */
  readonly help: string;
  readonly helpUri: string;
  /** CVSS-like score that GitHub maps to a severity: 9.0+ critical, 7.0+ high. */
  readonly securitySeverity: string;
}

const ROOT_KEY_DOCS = 'https://www.unkey.com/docs/security/root-keys';

const ROOT_KEY_HELP = [
  'An Unkey root key manages a whole workspace: it can create, change and delete API keys. Treat it as compromised:',
  '',
  '1. Revoke it now in the Unkey dashboard (Settings → Root Keys).',
  '2. Create a replacement with the same permissions and deploy it to every service that used the old one.',
  '3. Review the workspace audit log for actions by the leaked key.',
  '4. Consider rerolling the API keys it created or changed.',
  '5. Remove it from the code and from the history; rewriting history does not make it safe again.',
].join('\n');

/** One entry per rule, in the order SARIF lists them (a missing rule is a type error). */
export const RULE_DOCS: Readonly<Record<RuleId, RuleDoc>> = {
  'unkey-root-key': {
    name: 'UnkeyRootKey',
    shortDescription: 'Unkey root key',
    fullDescription:
      'An Unkey root key (unkey_3Z…) in the current format, able to manage a whole Unkey workspace.',
    help: ROOT_KEY_HELP,
    helpUri: ROOT_KEY_DOCS,
    securitySeverity: '9.5',
  },
  'unkey-root-key-v1': {
    name: 'UnkeyRootKeyV1',
    shortDescription: 'Unkey root key (v1 format)',
    fullDescription: 'An Unkey root key in the v1 format (unkey_…unkeyv1…) with a valid CRC-32C checksum.',
    help: ROOT_KEY_HELP,
    helpUri: ROOT_KEY_DOCS,
    securitySeverity: '9.5',
  },
  'unkey-api-key': {
    name: 'UnkeyApiKey',
    shortDescription: 'Unkey-issued API key',
    fullDescription:
      'An API key issued through Unkey with a prefix the operator configured (--api-key-prefix).',
    help: [
      'An API key of your own API, issued through Unkey, is exposed:',
      '',
      '1. Revoke or reroll it (Unkey API `keys.rerollKey` or the dashboard).',
      '2. Give its owner the replacement and remove it from the code.',
    ].join('\n'),
    helpUri: 'https://www.unkey.com/docs/security/overview',
    securitySeverity: '7.5',
  },
};

/** Markdown reduced to plain text, for SARIF `help.text`. */
export function helpText(markdown: string): string {
  return markdown.replace(/`/g, '');
}
