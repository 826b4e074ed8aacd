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
}

/**
 * The operator config (`ROOTGUARD_CONFIG`) of the demo, as YAML: the root key inventory with two
 * deploy targets (repository and environment secret), the API to audit, and `purgeLogs` so the
 * CI log that printed the key is deleted.
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
    // The Slack route (a DemoSlack's webhookUrl) goes here once the demo starts a Slack emulator.
    'notify: {}',
    '',
  ].join('\n');
}
