import type { PlaybookStep } from '../playbook-step.js';

/**
 * A customer API key (rule `unkey-api-key`, a prefix the operator configured) is not a root key:
 * it authenticates the customer's own users, so probing it against Unkey's management API would
 * say "dead" whatever its state, and revoking it cuts off one of their users. rootguard records
 * the leak and what a human must do, and contains nothing itself.
 */
export const apiKeyVerifyStep = {
  name: 'verify',
  async run() {
    return {
      outcome: 'skipped',
      summary: 'A customer API key, not a root key: it is not probed against the management API.',
    };
  },
} satisfies PlaybookStep<'verify'>;

export const apiKeyContainStep = {
  name: 'contain',
  async run(ctx) {
    return {
      outcome: 'manual',
      summary: `The API key ${ctx.incident.masked} leaked; rootguard contains root keys only.`,
      instruction:
        `Find the key by its start (${ctx.incident.masked}) in its API in the Unkey dashboard and reroll it ` +
        `(keys.rerollKey with expiration 0 revokes it at once), then give its owner the new key; ` +
        `review its verifications since ${ctx.incident.firstExposedAt}.`,
    };
  },
} satisfies PlaybookStep<'contain'>;
