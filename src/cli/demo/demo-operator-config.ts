/** What the demo's operator config names. */
export interface DemoConfigInput {
  /** The leaked key's id in the Unkey emulator (the inventory names it). */
  readonly leakedKeyId: string;
  /** Its fingerprint: the assisted path cannot list root keys, so it finds the entry by this. */
  readonly leakedFingerprint: string;
  readonly repo: string;
  readonly environment: string;
  readonly secretName: string;
  /** The Unkey API whose keys the audit inspects. */
  readonly apiId: string;
  /** The security team's channel: every report goes there. */
  readonly slackWebhookUrlEnv: string;
}

/**
 * The operator config (`ROOTGUARD_CONFIG`) of the demo, as YAML: the root key inventory with two
 * deploy targets (repository and environment secret), the API to audit, `purgeLogs` so the CI
 * log that printed the key is deleted, and a Slack route for the organisation.
 */
export function renderDemoOperatorConfig(input: DemoConfigInput): string {
  return [
    'policy:',
    '  mode: auto',
    '  purgeLogs: true',
    'rootKeys:',
    '  - name: payments-api production',
    `    keyId: ${input.leakedKeyId}`,
    `    fingerprint: "${input.leakedFingerprint}"`,
    '    deploy:',
    `      - { repo: ${input.repo}, secret: ${input.secretName} }`,
    `      - { repo: ${input.repo}, environment: ${input.environment}, secret: ${input.secretName} }`,
    'unkey:',
    '  apis:',
    `    - id: ${input.apiId}`,
    'notify:',
    '  slack:',
    `    - { match: ${input.repo.split('/')[0]}, webhookUrlEnv: ${input.slackWebhookUrlEnv} }`,
    '',
  ].join('\n');
}
