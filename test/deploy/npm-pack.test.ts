// `npm pack` makes a package that installs with production dependencies only and runs scan,
// serve and worker: packed from this checkout (dist/ built by `npm run build`, as `npm ci` and
// `npm test` do), installed into an empty project, run from its node_modules/.bin.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../emulators/github/github-emulator.js';
import { maskKey } from '../../src/detect/mask.js';
import { KeyGenerator } from '../support/keygen.js';
import { freePort } from '../support/redis-server.js';

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));

interface PackResult {
  readonly filename: string;
  readonly files: readonly { path: string }[];
}

describe('npm pack', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'rootguard-deploy-pack-'));
  const project = join(workspace, 'project');
  let packed: PackResult;
  let bin: string;

  beforeAll(() => {
    if (!existsSync(join(REPOSITORY, 'dist/src/cli/main.js')))
      throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
    // --ignore-scripts: `prepare` would rebuild dist/ under the other tests' feet; it is built.
    const output = execFileSync(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', workspace],
      {
        cwd: REPOSITORY,
        encoding: 'utf8',
      },
    );
    packed = (JSON.parse(output) as PackResult[])[0]!;
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'install-check', private: true }));
    execFileSync(
      'npm',
      [
        'install',
        '--omit=dev',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--no-update-notifier',
        join(workspace, packed.filename),
      ],
      { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
    );
    bin = join(project, 'node_modules/.bin/rootguard');
  }, 300_000);
  afterAll(() => {
    spawn('rm', ['-rf', workspace], { detached: true, stdio: 'ignore' }).unref();
  });

  it('holds the compiled CLI, its entry point, app.yml and the README, and nothing else', () => {
    const paths = packed.files.map((file) => file.path);
    const outside = paths.filter((path) => !path.startsWith('dist/src/'));
    expect(outside.sort()).toEqual(['README.md', 'app.yml', 'bin/rootguard.js', 'package.json']);
    expect(paths).toContain('dist/src/cli/main.js');
    expect(paths.filter((path) => !/\.js(\.map)?$/.test(path) && path.startsWith('dist/'))).toEqual([]);
  });

  it('installs with production dependencies only', () => {
    const modules = readdirSync(join(project, 'node_modules'));
    expect(modules).toEqual(expect.arrayContaining(['rootguard', 'bullmq', 'probot']));
    for (const dev of ['typescript', 'vitest', 'eslint', 'nock', 'ajv']) expect(modules).not.toContain(dev);
  });

  it('answers rootguard --help', () => {
    const run = spawnSync(bin, ['--help'], { cwd: project, encoding: 'utf8' });
    expect(run.stdout).toMatch(/Usage: rootguard/);
    expect(run.stdout).toMatch(/serve/);
    expect(run.status).toBe(0);
  });

  it('finds a key with rootguard scan', () => {
    const key = new KeyGenerator(1602).rootKey();
    const tree = mkdtempSync(join(workspace, 'tree-'));
    writeFileSync(join(tree, 'deploy.env'), `UNKEY_ROOT_KEY=${key}\n`);
    const run = spawnSync(bin, ['scan'], { cwd: tree, encoding: 'utf8' });
    expect(run.stdout).toContain(`deploy.env:1:16  unkey-root-key  ${maskKey(key)}`);
    expect(run.stdout + run.stderr).not.toContain(key);
    expect(run.status).toBe(1);
  });

  it('says that the demo needs a clone (the emulators are not packed)', () => {
    const run = spawnSync(bin, ['demo'], { cwd: project, encoding: 'utf8', timeout: 30_000 });
    // (A line before it may warn about the local Redis the demo found first.)
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(
      /^rootguard: demo failed: .*need the dev dependencies/,
    );
    expect(run.status).toBe(1);
  });

  describe('serve and worker', () => {
    let emulator: GitHubEmulator;
    const prefix = `rg-test-deploy-pack-${randomUUID().slice(0, 8)}`;
    beforeAll(async () => {
      emulator = await startGitHubEmulator();
    });
    afterAll(async () => {
      await emulator.close();
      const redis = new Redis('redis://127.0.0.1:6379');
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });

    for (const [role, started] of [
      ['serve', 'receiving webhooks at'],
      ['worker', 'workers running'],
    ] as const) {
      it(`starts \`rootguard ${role}\` and stops it on SIGTERM`, async () => {
        const child = spawn(bin, [role], {
          cwd: project,
          env: {
            PATH: process.env['PATH'] ?? '',
            APP_ID: String(emulator.appId),
            PRIVATE_KEY: emulator.privateKeyPem,
            WEBHOOK_SECRET: `s-${randomUUID()}`,
            GITHUB_API_URL: emulator.url,
            PORT: String(await freePort()),
            HOST: '127.0.0.1',
            LOG_LEVEL: 'warn',
            ROOTGUARD_PREFIX: prefix,
            ROOTGUARD_ALLOW_VOLATILE_REDIS: '1',
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const exit = once(child, 'exit') as Promise<[number | null]>;
        try {
          await expect.poll(() => stderr, { timeout: 20_000 }).toContain(started);
        } finally {
          child.kill('SIGTERM');
        }
        const [code] = await exit;
        expect(code, stderr).toBe(0);
      });
    }
  });
});
