import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP_INTERVAL_MS, loadEnvConfig } from '../../src/config/env-config.js';

const PEM = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();
const BASE = { APP_ID: '12345', PRIVATE_KEY: PEM, WEBHOOK_SECRET: 'sweep-test-secret' };

describe('ROOTGUARD_SWEEP_INTERVAL_MS', () => {
  it('defaults to five minutes, takes 0 (off) and 10 s to an hour', () => {
    expect(loadEnvConfig(BASE, 'serve').sweepIntervalMs).toBe(DEFAULT_SWEEP_INTERVAL_MS);
    expect(DEFAULT_SWEEP_INTERVAL_MS).toBe(300_000);
    for (const value of ['0', '10000', '3600000'])
      expect(loadEnvConfig({ ...BASE, ROOTGUARD_SWEEP_INTERVAL_MS: value }, 'worker').sweepIntervalMs).toBe(
        Number(value),
      );
  });

  it('refuses anything else with one sentence naming the setting and the range', () => {
    for (const value of ['5000', '3600001', '-1', '5m'])
      expect(() => loadEnvConfig({ ...BASE, ROOTGUARD_SWEEP_INTERVAL_MS: value }, 'serve')).toThrow(
        /^ROOTGUARD_SWEEP_INTERVAL_MS must be a number of milliseconds from 10000 to 3600000 .* or 0 to turn sweeping off; the value set \(\d+ characters\) is not one\.$/,
      );
  });
});
