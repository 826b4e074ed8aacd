import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadEnvConfig } from '../../src/config/env-config.js';
import { ConfigError } from '../../src/config/errors.js';

const PEM = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
}).privateKey;
const BASE = { APP_ID: '12345', PRIVATE_KEY: PEM, WEBHOOK_SECRET: 'webhook-secret-value-7f3a' };

function configError(env: Record<string, string>): ConfigError {
  try {
    loadEnvConfig(env, 'worker');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the observe settings', () => {
  it('defaults: health port 9464 on loopback, no admin board, read-only', () => {
    const config = loadEnvConfig(BASE, 'worker');
    expect(config).toMatchObject({ healthPort: 9464, healthHost: '127.0.0.1', adminWrite: false });
    expect(config.adminToken).toBeUndefined();
  });

  it('reads ROOTGUARD_HEALTH_PORT (0: any free port), ROOTGUARD_HEALTH_HOST and the admin settings', () => {
    const token = randomBytes(24).toString('base64url');
    const config = loadEnvConfig(
      {
        ...BASE,
        ROOTGUARD_HEALTH_PORT: '0',
        ROOTGUARD_HEALTH_HOST: '0.0.0.0',
        ROOTGUARD_ADMIN_TOKEN: token,
        ROOTGUARD_ADMIN_WRITE: '1',
      },
      'serve',
    );
    expect(config).toMatchObject({ healthPort: 0, healthHost: '0.0.0.0', adminWrite: true });
    expect(config.adminToken?.reveal()).toBe(token);
    expect(String(config.adminToken)).not.toContain(token);
  });

  it('names a bad value in one sentence, never echoing the admin token', () => {
    expect(configError({ ...BASE, ROOTGUARD_HEALTH_PORT: '70000' }).field).toBe('ROOTGUARD_HEALTH_PORT');
    expect(configError({ ...BASE, ROOTGUARD_HEALTH_HOST: 'a b' }).field).toBe('ROOTGUARD_HEALTH_HOST');
    expect(configError({ ...BASE, ROOTGUARD_ADMIN_WRITE: 'yes' }).field).toBe('ROOTGUARD_ADMIN_WRITE');
    const short = 'short-token';
    const error = configError({ ...BASE, ROOTGUARD_ADMIN_TOKEN: short });
    expect(error.field).toBe('ROOTGUARD_ADMIN_TOKEN');
    expect(error.message).not.toContain(short);
    expect(error.message.trim().split(/(?<=[.!?])\s+(?=[A-Z])/)).toHaveLength(1);
  });
});
