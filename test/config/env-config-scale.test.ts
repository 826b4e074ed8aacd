import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadEnvConfig, WORKER_KINDS } from '../../src/config/env-config.js';
import { ConfigError } from '../../src/config/errors.js';
import { KeyGenerator } from '../support/keygen.js';

const PEM = generateKeyPairSync('rsa', {
  modulusLength: 1024,
  publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
}).privateKey;
const BASE = { APP_ID: '12345', PRIVATE_KEY: PEM, WEBHOOK_SECRET: 'webhook-secret-value-7f3a' };

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadEnvConfig(env, 'serve');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/\.$/);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadEnvConfig: worker settings', () => {
  it('runs every worker kind by default, with each worker its own concurrency', () => {
    for (const role of ['serve', 'worker'] as const) {
      const config = loadEnvConfig(BASE, role);
      expect([...config.workers]).toEqual([...WORKER_KINDS]);
      expect(config.concurrency).toEqual({});
    }
  });

  it('reads the kinds a process runs, or none', () => {
    expect([
      ...loadEnvConfig({ ...BASE, ROOTGUARD_WORKERS: ' Playbook , notify' }, 'worker').workers,
    ]).toEqual(['playbook', 'notify']);
    expect(loadEnvConfig({ ...BASE, ROOTGUARD_WORKERS: 'none' }, 'serve').workers.size).toBe(0);
  });

  it('refuses an unknown kind without echoing the value', () => {
    const key = new KeyGenerator(16_01).rootKey();
    for (const value of ['scan,scna', 'scan,,playbook', key, 'all']) {
      const error = refusal({ ...BASE, ROOTGUARD_WORKERS: value });
      expect(error.field).toBe('ROOTGUARD_WORKERS');
      expect(error.message).toContain('scan, playbook, notify, command, retention');
      expect(error.message).not.toContain(value);
    }
  });

  it('reads each kind’s concurrency, 1 to 256', () => {
    const config = loadEnvConfig(
      { ...BASE, ROOTGUARD_SCAN_CONCURRENCY: '2', ROOTGUARD_COMMAND_CONCURRENCY: '256' },
      'worker',
    );
    expect(config.concurrency).toEqual({ scan: 2, command: 256 });
    for (const kind of ['SCAN', 'PLAYBOOK', 'NOTIFY', 'COMMAND'])
      for (const value of ['0', '257', '-1', '2.5', 'four'])
        expect(refusal({ ...BASE, [`ROOTGUARD_${kind}_CONCURRENCY`]: value }).field).toBe(
          `ROOTGUARD_${kind}_CONCURRENCY`,
        );
  });
});

describe('loadEnvConfig: incident retention', () => {
  it('keeps finished incidents 400 days and removes nothing without an archive directory', () => {
    const config = loadEnvConfig(BASE, 'worker');
    expect(config.incidentRetentionDays).toBe(400);
    expect(config.archiveDir).toBeUndefined();
  });

  it('reads the retention and the archive directory', () => {
    const config = loadEnvConfig(
      {
        ...BASE,
        ROOTGUARD_INCIDENT_RETENTION_DAYS: '30',
        ROOTGUARD_ARCHIVE_DIR: '/var/lib/rootguard/archive',
      },
      'worker',
    );
    expect(config.incidentRetentionDays).toBe(30);
    expect(config.archiveDir).toBe('/var/lib/rootguard/archive');
  });

  it('refuses a retention that is not a whole number of days, and a relative archive path', () => {
    for (const value of ['0', '36501', '1.5', '400d'])
      expect(refusal({ ...BASE, ROOTGUARD_INCIDENT_RETENTION_DAYS: value }).field).toBe(
        'ROOTGUARD_INCIDENT_RETENTION_DAYS',
      );
    expect(refusal({ ...BASE, ROOTGUARD_ARCHIVE_DIR: 'archive' }).field).toBe('ROOTGUARD_ARCHIVE_DIR');
  });
});
