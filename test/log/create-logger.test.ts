import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import { createLogger } from '../../src/log/create-logger.js';
import { KeyGenerator } from '../support/keygen.js';
import { captureLines, expectNoKeyPieces } from './capture.js';

describe('createLogger', () => {
  it('masks a root key in the message, a nested field, and an error message and stack', () => {
    const gen = new KeyGenerator(501);
    const key = gen.rootKey();
    const v1 = gen.rootKeyV1();
    const { destination, lines } = captureLines();
    const log = createLogger({ destination, level: 'debug' });
    log.info(`found ${key} in a push`);
    log.debug({ job: { data: { env: { UNKEY_ROOT_KEY: key, other: `x=${v1}` } } } }, 'nested');
    const err = new Error(`request failed with bearer ${key}`);
    err.stack = `Error: key ${key}\n    at caller (file.ts:1:1)\n${key}`;
    log.error({ err }, 'failed');
    log.warn(new Error(`wrapped:${v1}`));
    log.info({ list: [key, [key]] }, 'array');
    expect(lines).toHaveLength(5);
    expectNoKeyPieces(lines, key);
    expectNoKeyPieces(lines, v1);
    expect(lines[0]).toContain(maskKey(key));
    expect(lines[2]).toContain(`\\n${maskKey(key)}`);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('redacts credential fields by path', () => {
    const { destination, lines } = captureLines();
    const log = createLogger({ destination });
    log.info(
      {
        req: { headers: { authorization: 'token abc123-plain' } },
        options: { privateKey: 'pk-plain', token: 'tok-plain', secret: 'sec-plain', password: 'pw-plain' },
        octokit: { authorization: 'auth-plain' },
      },
      'request',
    );
    const line = lines.join('');
    for (const plain of ['abc123-plain', 'pk-plain', 'tok-plain', 'sec-plain', 'pw-plain', 'auth-plain'])
      expect(line).not.toContain(plain);
    expect(line).toContain('[redacted]');
  });

  it('masks GitHub tokens, PEM private keys and URL passwords wherever they appear', () => {
    const gen = new KeyGenerator(502);
    const ghs = `ghs_${gen.base58(36)}`;
    const pat = `github_pat_${gen.base58(22)}_${gen.base58(59)}`;
    const pem = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    }).privateKey;
    const { destination, lines } = captureLines();
    const log = createLogger({ destination });
    log.info({ note: `tokens ${ghs} ${pat}` }, 'tokens');
    log.info({ dump: pem }, 'pem');
    log.info({ dump: pem.slice(0, 300) }, 'cut pem');
    log.info('connecting to redis://default:hunter2pass@redis:6379');
    const text = lines.join('');
    expect(text).not.toContain(ghs.slice(4, 20));
    expect(text).not.toContain(pat.slice(11, 30));
    for (const body of pem.split('\n').slice(1, -2)) expect(text).not.toContain(body.slice(0, 16));
    expect(text).not.toContain('hunter2pass');
    expect(text).toContain('redis://default:[redacted]@redis:6379');
  });

  it('leaves ordinary lines alone and honours the level', () => {
    const { destination, lines } = captureLines();
    const log = createLogger({ destination, level: 'warn' });
    log.info('not written');
    log.warn({ fingerprint: 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0xcv=' }, 'kept');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0xcv=');
  });
});
