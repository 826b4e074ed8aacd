import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writeAppEnv } from '../../../src/cli/setup/app-env-file.js';
import { envWithFile, noAppConfigured } from '../../../src/cli/setup/env-with-file.js';
import { makeTree } from '../harness.js';

// Not a real key: PEM-shaped text, enough for the file's quoting.
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj\nxyz=\n-----END RSA PRIVATE KEY-----';

describe('the env file setup writes', () => {
  it('is mode 0600, holds the PEM on one line, and keeps the other lines', async () => {
    const cwd = makeTree({ '.env': '# mine\nLOG_LEVEL=debug\n' });
    const path = join(cwd, '.env');
    await writeAppEnv(path, { APP_ID: '5', PRIVATE_KEY: PEM }, 'heading', { force: false });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('# mine\nLOG_LEVEL=debug\n\n# heading\nAPP_ID="5"\n');
    expect(parseEnv(text)).toMatchObject({ LOG_LEVEL: 'debug', APP_ID: '5', PRIVATE_KEY: PEM });
    expect(readdirSync(cwd)).toEqual(['.env']);
  });

  it('refuses to replace an App unless forced; forced, drops the old multi-line key whole', async () => {
    const cwd = makeTree();
    const path = join(cwd, '.env');
    writeFileSync(path, `A=1\nPRIVATE_KEY="${PEM}"\nB=2\n`);
    await expect(writeAppEnv(path, { APP_ID: '6' }, 'h', { force: false })).rejects.toMatchObject({
      code: 'setup-refused',
    });
    await writeAppEnv(path, { APP_ID: '6' }, 'h', { force: true });
    expect(readFileSync(path, 'utf8')).toBe('A=1\nB=2\n\n# h\nAPP_ID="6"\n');
  });

  it('serve reads it under the environment, and runs setup only when no App is configured', async () => {
    const cwd = makeTree({ '.env': 'APP_ID=7\nPORT=4000\n' });
    const env = await envWithFile({ PORT: '5000' }, cwd);
    expect(env).toMatchObject({ APP_ID: '7', PORT: '5000' });
    expect(await envWithFile({ X: '1' }, makeTree())).toEqual({ X: '1' });
    expect(noAppConfigured(env)).toBe(false);
    expect(noAppConfigured({ PRIVATE_KEY_PATH: 'k.pem' })).toBe(false);
    expect(noAppConfigured({ WEBHOOK_SECRET: 's', APP_ID: ' ' })).toBe(true);
  });
});
