import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadEnvConfig } from '../../src/config/env-config.js';
import { ConfigError } from '../../src/config/errors.js';
import { KeyGenerator } from '../support/keygen.js';

const PEM = generateKeyPairSync('rsa', {
  modulusLength: 1024,
  publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
}).privateKey;
const SECRET = 'webhook-secret-value-7f3a';
const BASE = { APP_ID: '12345', PRIVATE_KEY: PEM, WEBHOOK_SECRET: SECRET };

function configError(
  env: NodeJS.ProcessEnv,
  role: 'serve' | 'worker' = 'serve',
  readFile?: (p: string) => string,
) {
  try {
    loadEnvConfig(env, role, readFile ? { readFile } : {});
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    // One sentence: ends with a full stop and never echoes a secret.
    expect(e.message).toMatch(/\.$/);
    expect(e.message).not.toContain(PEM.split('\n')[1]);
    expect(e.message).not.toContain(SECRET);
    return e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadEnvConfig', () => {
  it('gives typed values and defaults', () => {
    const config = loadEnvConfig(BASE, 'serve');
    expect(config.appId).toBe(12345);
    expect(config.privateKey.reveal()).toBe(PEM);
    expect(config.webhookSecret?.reveal()).toBe(SECRET);
    expect(config.redis).toEqual({ urls: ['redis://127.0.0.1:6379'], cluster: false });
    expect(config.prefix).toBe('rootguard');
    expect(config.githubApiUrl).toBe('https://api.github.com');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.logLevel).toBe('info');
  });

  it('never shows the secrets when the config is logged or serialized', () => {
    const config = loadEnvConfig(BASE, 'serve');
    for (const text of [JSON.stringify(config), inspect(config), String(config.privateKey)]) {
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain(SECRET);
    }
  });

  it('reads the settings it is given', () => {
    const config = loadEnvConfig(
      {
        ...BASE,
        ROOTGUARD_REDIS_URL: 'rediss://user:pw@redis.internal:6380/2',
        GITHUB_API_URL: 'http://127.0.0.1:4010/api/v3//',
        PORT: '8080',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'DEBUG',
      } as Record<string, string> as NodeJS.ProcessEnv,
      'serve',
    );
    expect(config.redis).toEqual({ urls: ['rediss://user:pw@redis.internal:6380/2'], cluster: false });
    expect(config.githubApiUrl).toBe('http://127.0.0.1:4010/api/v3');
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.logLevel).toBe('debug');
  });

  it('reads seed nodes of a Redis Cluster, and hash-tags the key prefix there', () => {
    const env = (extra: Record<string, string>) =>
      ({ ...BASE, ROOTGUARD_PREFIX: 'acme-rg', ...extra }) as Record<string, string> as NodeJS.ProcessEnv;
    const config = loadEnvConfig(
      env({
        ROOTGUARD_REDIS_CLUSTER: '1',
        ROOTGUARD_REDIS_URL: 'redis://:pw@10.0.0.1:7000, redis://10.0.0.2:7001',
      }),
      'serve',
    );
    expect(config.redis).toEqual({
      urls: ['redis://:pw@10.0.0.1:7000', 'redis://10.0.0.2:7001'],
      cluster: true,
    });
    // Redis Cluster hashes only what is in braces: every key of rootguard's shares one slot.
    expect(config.prefix).toBe('{acme-rg}');
    expect(loadEnvConfig(env({ ROOTGUARD_REDIS_URL: 'redis://10.0.0.1:7000' }), 'serve').prefix).toBe(
      'acme-rg',
    );

    const refused = (extra: Record<string, string>) => {
      try {
        loadEnvConfig(env(extra), 'serve');
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused({ ROOTGUARD_REDIS_URL: 'redis://a:7000,redis://b:7001' })).toMatch(
      /names 2 URLs.*ROOTGUARD_REDIS_CLUSTER=1/,
    );
    expect(refused({ ROOTGUARD_REDIS_CLUSTER: 'yes' })).toMatch(/ROOTGUARD_REDIS_CLUSTER must be 1/);
    expect(refused({ ROOTGUARD_REDIS_CLUSTER: '1', ROOTGUARD_REDIS_URL: 'redis://a:7000/3' })).toMatch(
      /only database 0/,
    );
    const secretUrl = 'http://:hunter-two-pw@a:7000';
    const message = refused({
      ROOTGUARD_REDIS_CLUSTER: '1',
      ROOTGUARD_REDIS_URL: `redis://a:7000,${secretUrl}`,
    });
    expect(message).toMatch(/URL 2 of ROOTGUARD_REDIS_URL must be a redis:\/\//);
    expect(message).not.toContain('hunter-two-pw');
  });

  it('accepts a private key with \\n escapes, and one base64-encoded', () => {
    const escaped = PEM.trim().replace(/\n/g, '\\n');
    expect(loadEnvConfig({ ...BASE, PRIVATE_KEY: escaped }, 'serve').privateKey.reveal()).toBe(PEM);
    const b64 = Buffer.from(PEM).toString('base64');
    expect(loadEnvConfig({ ...BASE, PRIVATE_KEY: b64 }, 'serve').privateKey.reveal()).toBe(PEM);
  });

  it('reads PRIVATE_KEY_PATH through the injected reader', () => {
    const { PRIVATE_KEY: _, ...env } = BASE;
    const config = loadEnvConfig({ ...env, PRIVATE_KEY_PATH: '/keys/app.pem' }, 'serve', {
      readFile: (path) => (path === '/keys/app.pem' ? PEM : ''),
    });
    expect(config.privateKey.reveal()).toBe(PEM);
  });

  it('names APP_ID when it is missing or not a positive integer', () => {
    const { APP_ID: _, ...noId } = BASE;
    expect(configError(noId)).toMatchObject({ field: 'APP_ID', code: 'config-missing' });
    const bad = configError({ ...BASE, APP_ID: 'abc' });
    expect(bad).toMatchObject({ field: 'APP_ID', code: 'config-invalid' });
    expect(bad.message).toBe(
      "APP_ID must be the numeric App ID from the GitHub App's settings page; the value set (3 characters) is not one.",
    );
    for (const value of ['0', '-3', '1.5', '99999999999999999999'])
      expect(configError({ ...BASE, APP_ID: value }).field).toBe('APP_ID');
  });

  it('names the private key settings without echoing the key', () => {
    const { PRIVATE_KEY: _, ...noKey } = BASE;
    expect(configError(noKey)).toMatchObject({ field: 'PRIVATE_KEY', code: 'config-missing' });
    const truncated = PEM.slice(0, 200);
    const bad = configError({ ...BASE, PRIVATE_KEY: truncated });
    expect(bad).toMatchObject({ field: 'PRIVATE_KEY', code: 'config-invalid' });
    expect(bad.message).not.toContain(truncated.slice(40, 80));
    expect(configError({ ...BASE, PRIVATE_KEY_PATH: '/k.pem' }).code).toBe('config-conflict');
    const missingFile = configError({ ...noKey, PRIVATE_KEY_PATH: '/nope.pem' }, 'serve', () => {
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    });
    expect(missingFile).toMatchObject({ field: 'PRIVATE_KEY_PATH', code: 'config-unreadable' });
    expect(missingFile.message).toContain('"/nope.pem" cannot be read (ENOENT)');
    const notPem = configError({ ...noKey, PRIVATE_KEY_PATH: '/k.pem' }, 'serve', () => 'hunter2-not-a-key');
    expect(notPem).toMatchObject({ field: 'PRIVATE_KEY_PATH', code: 'config-invalid' });
    expect(notPem.message).not.toContain('hunter2');
  });

  it('requires WEBHOOK_SECRET for serve only', () => {
    const { WEBHOOK_SECRET: _, ...noSecret } = BASE;
    expect(configError(noSecret, 'serve')).toMatchObject({ field: 'WEBHOOK_SECRET', code: 'config-missing' });
    expect(loadEnvConfig(noSecret, 'worker').webhookSecret).toBeUndefined();
    expect(loadEnvConfig({ ...noSecret, WEBHOOK_SECRET: '  ' }, 'worker').webhookSecret).toBeUndefined();
  });

  it('refuses a Redis URL that is not redis:// or rediss://, without echoing it', () => {
    const bad = configError({ ...BASE, ROOTGUARD_REDIS_URL: 'http://user:s3cretpw@redis:6379' });
    expect(bad).toMatchObject({ field: 'ROOTGUARD_REDIS_URL', code: 'config-invalid' });
    expect(bad.message).toContain('"http:"');
    expect(bad.message).not.toContain('s3cretpw');
    expect(configError({ ...BASE, ROOTGUARD_REDIS_URL: 'redis-host' }).message).toContain('is not a URL');
  });

  it('refuses a GitHub API URL that is not http(s)', () => {
    expect(configError({ ...BASE, GITHUB_API_URL: 'ftp://example.com' }).field).toBe('GITHUB_API_URL');
    expect(configError({ ...BASE, GITHUB_API_URL: 'api.github.com' }).field).toBe('GITHUB_API_URL');
  });

  it('allows plain http to a loopback host only', () => {
    for (const url of ['http://localhost:4010', 'http://127.0.0.9:4010/api/v3', 'http://[::1]:4010'])
      expect(loadEnvConfig({ ...BASE, GITHUB_API_URL: url, UNKEY_API_URL: url }, 'serve').githubApiUrl).toBe(
        url,
      );
    for (const url of ['http://api.github.example', 'http://127.0.0.1.example.com', 'http://10.0.0.7']) {
      for (const field of ['GITHUB_API_URL', 'UNKEY_API_URL']) {
        const bad = configError({ ...BASE, [field]: url });
        expect(bad).toMatchObject({ field, code: 'config-invalid' });
        expect(bad.message).toContain('"http:" for a host that is not loopback');
        expect(bad.message).not.toContain(new URL(url).hostname);
      }
    }
  });

  it('echoes no character of a refused value (a secret may have been pasted into the wrong variable)', () => {
    const secret = new KeyGenerator(4102).rootKey();
    for (const field of [
      'APP_ID',
      'PORT',
      'HOST',
      'LOG_LEVEL',
      'ROOTGUARD_APP_SLUG',
      'ROOTGUARD_PREFIX',
      'ROOTGUARD_JOB_LOCK_MS',
      'ROOTGUARD_SHUTDOWN_GRACE_MS',
    ]) {
      const bad = configError({ ...BASE, [field]: `${secret} x` });
      expect(bad.field).toBe(field);
      expect(bad.message).toContain(`the value set (${secret.length + 2} characters) is not one`);
      expect(bad.message).not.toContain(secret.slice(0, 8));
      expect(bad.message).not.toContain(secret.slice(-8));
    }
  });

  it('reads the shutdown grace, 10 s by default', () => {
    expect(loadEnvConfig(BASE, 'worker').shutdownGraceMs).toBe(10_000);
    expect(loadEnvConfig({ ...BASE, ROOTGUARD_SHUTDOWN_GRACE_MS: '2500' }, 'worker').shutdownGraceMs).toBe(
      2_500,
    );
    for (const value of ['-1', '10s', '600001'])
      expect(configError({ ...BASE, ROOTGUARD_SHUTDOWN_GRACE_MS: value }).field).toBe(
        'ROOTGUARD_SHUTDOWN_GRACE_MS',
      );
  });

  it('refuses a bad PORT, HOST or LOG_LEVEL', () => {
    for (const port of ['0', '65536', 'http', '80a'])
      expect(configError({ ...BASE, PORT: port }).field).toBe('PORT');
    expect(configError({ ...BASE, HOST: 'a b' }).field).toBe('HOST');
    const level = configError({ ...BASE, LOG_LEVEL: 'verbose' } as Record<
      string,
      string
    > as NodeJS.ProcessEnv);
    expect(level.field).toBe('LOG_LEVEL');
    expect(level.message).toContain('fatal, error, warn, info, debug, trace, silent');
  });
});

describe('loadEnvConfig: Unkey and the operator config', () => {
  const rootKey = new KeyGenerator(4101).rootKey();

  it('defaults to the public Unkey API, no responder key (assisted mode) and no operator config', () => {
    const config = loadEnvConfig(BASE, 'worker');
    expect(config.unkeyApiUrl).toBe('https://api.unkey.com');
    expect(config.unkeyRootKey).toBeUndefined();
    expect(config.operatorConfigPath).toBeUndefined();
  });

  it('reads UNKEY_API_URL without its trailing slash, UNKEY_ROOT_KEY as a secret and ROOTGUARD_CONFIG', () => {
    const config = loadEnvConfig(
      {
        ...BASE,
        UNKEY_API_URL: 'http://127.0.0.1:4020/',
        UNKEY_ROOT_KEY: ` ${rootKey} `,
        ROOTGUARD_CONFIG: ' /etc/rootguard/operator.yml ',
      },
      'worker',
    );
    expect(config.unkeyApiUrl).toBe('http://127.0.0.1:4020');
    expect(config.unkeyRootKey?.reveal()).toBe(rootKey);
    expect(config.operatorConfigPath).toBe('/etc/rootguard/operator.yml');
    for (const text of [JSON.stringify(config), inspect(config), String(config.unkeyRootKey)])
      expect(text).not.toContain(rootKey);
  });

  it('treats an empty UNKEY_ROOT_KEY or ROOTGUARD_CONFIG as unset', () => {
    const config = loadEnvConfig({ ...BASE, UNKEY_ROOT_KEY: ' ', ROOTGUARD_CONFIG: '' }, 'worker');
    expect(config.unkeyRootKey).toBeUndefined();
    expect(config.operatorConfigPath).toBeUndefined();
  });

  it('refuses an UNKEY_API_URL that is not http(s), naming only its scheme', () => {
    const bad = configError({ ...BASE, UNKEY_API_URL: 'ftp://user:pw-9c1@unkey.example' });
    expect(bad).toMatchObject({ field: 'UNKEY_API_URL', code: 'config-invalid' });
    expect(bad.message).toContain('"ftp:"');
    expect(bad.message).not.toContain('pw-9c1');
    expect(configError({ ...BASE, UNKEY_API_URL: 'api.unkey.com' }).message).toContain('is not a URL');
  });

  it('refuses an UNKEY_ROOT_KEY with spaces or quotes without echoing it', () => {
    for (const value of [`${rootKey} ${rootKey}`, `"${rootKey}"`]) {
      const bad = configError({ ...BASE, UNKEY_ROOT_KEY: value });
      expect(bad).toMatchObject({ field: 'UNKEY_ROOT_KEY', code: 'config-invalid' });
      expect(bad.message).not.toContain(rootKey);
      expect(bad.message).not.toContain(rootKey.slice(-8));
    }
  });

  it('defaults the job lock to 5 s, the stalled check to 2.5 s, and refuses a volatile Redis', () => {
    const config = loadEnvConfig(BASE, 'serve');
    expect(config.jobLockMs).toBe(5_000);
    expect(config.stalledCheckMs).toBe(2_500);
    expect(config.allowVolatileRedis).toBe(false);
  });

  it('reads ROOTGUARD_STALLED_CHECK_MS and ROOTGUARD_ALLOW_VOLATILE_REDIS, naming a bad value', () => {
    const config = loadEnvConfig(
      { ...BASE, ROOTGUARD_STALLED_CHECK_MS: '2500', ROOTGUARD_ALLOW_VOLATILE_REDIS: '1' },
      'serve',
    );
    expect(config.stalledCheckMs).toBe(2_500);
    expect(config.allowVolatileRedis).toBe(true);
    expect(loadEnvConfig({ ...BASE, ROOTGUARD_ALLOW_VOLATILE_REDIS: '0' }, 'serve').allowVolatileRedis).toBe(
      false,
    );
    expect(configError({ ...BASE, ROOTGUARD_STALLED_CHECK_MS: '50' }).field).toBe(
      'ROOTGUARD_STALLED_CHECK_MS',
    );
    const error = configError({ ...BASE, ROOTGUARD_ALLOW_VOLATILE_REDIS: 'yes' });
    expect(error.field).toBe('ROOTGUARD_ALLOW_VOLATILE_REDIS');
    expect(error.message).toContain('must be 1');
  });
});
