// The Dockerfile, checked without a container engine: its shape, then its stages' commands run in
// a temporary directory from a clean tree, and the image's command line run from the result.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../emulators/github/github-emulator.js';
import { maskKey } from '../../src/detect/mask.js';
import { gitEnv } from '../cli/git-repo.js';
import { KeyGenerator } from '../support/keygen.js';
import { freePort } from '../support/redis-server.js';
import { applyDockerignore, extractCleanTree } from './build-context.js';
import { parseDockerfile, parseHealthcheck } from './parse-dockerfile.js';
import { hostPath, runStages, type StageResult } from './run-dockerfile.js';
import { livezStubs } from './livez-stub.js';
import { containerEnv, runImage, startImage } from './runtime-process.js';

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
const TEXT = readFileSync(join(REPOSITORY, 'Dockerfile'), 'utf8');
const DOCKERFILE = parseDockerfile(TEXT);
const RUNTIME = DOCKERFILE.stages.at(-1)!;

describe('the Dockerfile', () => {
  it('builds on the current Node LTS, pinned by the digest of its index, and says how to refresh it', () => {
    expect(DOCKERFILE.stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
    for (const stage of DOCKERFILE.stages)
      expect(stage.base).toMatch(/^node:26-trixie-slim@sha256:[0-9a-f]{64}$/);
    expect(TEXT).toContain('docker buildx imagetools inspect node:26-trixie-slim');
  });

  it('runs as the unprivileged node user, exposes its ports and has an exec-form health check', () => {
    const keywords = (keyword: string) =>
      RUNTIME.instructions.filter((i) => i.keyword === keyword).map((i) => i.text);
    expect(keywords('USER')).toEqual(['node']);
    expect(keywords('EXPOSE')).toEqual(['3000 9464']);
    const [healthcheck] = keywords('HEALTHCHECK');
    const { options, command } = parseHealthcheck(healthcheck!);
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(options).toMatchObject({ interval: expect.any(String), timeout: expect.any(String) });
  });

  it('keeps .env (the App private key) and local builds out of the build context', () => {
    const ignored = readFileSync(join(REPOSITORY, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.env', 'node_modules', 'dist', '.git']));
  });
});

describe("the Dockerfile's stages, run in a temporary directory", () => {
  const workspace = mkdtempSync(join(tmpdir(), 'rootguard-deploy-image-'));
  let stages: Map<string, StageResult>;
  let image: StageResult;
  let removed: string[];

  beforeAll(async () => {
    const context = join(workspace, 'context');
    mkdirSync(context);
    extractCleanTree(REPOSITORY, context);
    // What a developer's checkout holds besides the committed tree (git archive has none of it).
    writeFileSync(join(context, '.env'), 'WEBHOOK_SECRET=not-for-the-image\n');
    for (const dir of ['node_modules/left-over', 'dist/src'])
      mkdirSync(join(context, dir), { recursive: true });
    removed = applyDockerignore(context);
    const home = join(workspace, 'home');
    mkdirSync(home);
    stages = await runStages(DOCKERFILE.stages, {
      context,
      workspace: join(workspace, 'stages'),
      // The machine's npm cache, read first: the lockfile's packages are there after `npm ci`.
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: home,
        npm_config_cache: execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim(),
        npm_config_prefer_offline: 'true',
        npm_config_update_notifier: 'false',
        GIT_CONFIG_GLOBAL: join(home, 'gitconfig'),
      },
    });
    image = stages.get(RUNTIME.name)!;
  }, 600_000);
  // Two node_modules trees take a while to delete on a busy machine: removed in the background.
  afterAll(() => removeInBackground(workspace));

  it('sends no .env, test, dist or node_modules to the builder', () => {
    expect(removed).toEqual(expect.arrayContaining(['.env', 'node_modules', 'dist', 'test', '.ci']));
    expect(existsSync(join(workspace, 'context', 'test'))).toBe(false);
    expect(existsSync(join(workspace, 'context', 'src'))).toBe(true);
  });

  it('runs every npm, node and git command; leaves out only the system packages and the npm cache cleaning', () => {
    expect(stages.get('build')!.notRun).toEqual([]);
    expect(image.notRun).toEqual([
      'apt-get update',
      'apt-get install -y --no-install-recommends git ca-certificates tini',
      'rm -rf /var/lib/apt/lists/*',
      'npm cache clean --force',
    ]);
    // What those system packages give the image is on this machine too.
    expect(spawnSync('git', ['--version']).status).toBe(0);
  });

  it('ships the compiled rootguard and its production dependencies only', () => {
    const app = hostPath(image.root, '/app');
    expect(readdirSync(app).sort()).toEqual([
      'app.yml',
      'bin',
      'dist',
      'node_modules',
      'package-lock.json',
      'package.json',
    ]);
    expect(readdirSync(join(app, 'dist'))).toEqual(['src']);
    expect(existsSync(join(app, 'dist/src/cli/main.js'))).toBe(true);
    const modules = readdirSync(join(app, 'node_modules'));
    expect(modules).toEqual(expect.arrayContaining(['bullmq', 'probot', 'ioredis']));
    // Not `typescript`: Bull Board's validator (valibot) names it as an optional peer, and npm keeps
    // an optional peer that the lockfile resolved, even with --omit=dev. Nothing loads it at run time.
    for (const dev of ['vitest', 'eslint', 'nock', 'playwright-core', 'tsx', '@octokit']) {
      if (dev === '@octokit')
        expect(readdirSync(join(app, 'node_modules/@octokit'))).not.toContain('openapi');
      else expect(modules).not.toContain(dev);
    }
    expect(image.env).toEqual({ NODE_ENV: 'production' });
    expect(image.workdir).toBe('/src');
    expect(image.cmd).toEqual(['serve']);
  });

  it('answers --help', () => {
    const run = runImage(image, ['--help'], hostPath(image.root, image.workdir), containerEnv(image));
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Usage: rootguard/);
    expect(run.stdout).toMatch(/\bscan\b/);
    expect(run.status).toBe(0);
  });

  describe('scan --git on a repository mounted at /src from the host', () => {
    const key = new KeyGenerator(1601).rootKey();
    let mount: string;
    beforeAll(() => {
      mount = hostPath(image.root, '/src');
      const env = gitEnv(mkdtempSync(join(workspace, 'git-home-')));
      const git = (...args: string[]) => execFileSync('git', args, { cwd: mount, env, encoding: 'utf8' });
      git('init', '-q', '-b', 'main');
      writeFileSync(join(mount, '.env.production'), `UNKEY_ROOT_KEY=${key}\n`);
      git('add', '-A');
      git('-c', 'user.name=Ada', '-c', 'user.email=ada@example.com', 'commit', '-q', '-m', 'config');
      writeFileSync(join(mount, '.env.production'), 'UNKEY_ROOT_KEY=\n');
      git('-c', 'user.name=Ada', '-c', 'user.email=ada@example.com', 'commit', '-q', '-am', 'remove it');
    });

    it('finds the key in the history (the image names /src a safe directory)', () => {
      const env = containerEnv(image, { GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' });
      const run = runImage(image, ['scan', '--git', '--format', 'json'], mount, env);
      expect(run.stdout + run.stderr).not.toContain(key);
      const report = JSON.parse(run.stdout) as { findings: { path: string; masked: string }[] };
      expect(report.findings.map((f) => [f.path, f.masked])).toEqual([['.env.production', maskKey(key)]]);
      expect(run.status).toBe(1);
    });

    it('is refused by git without that line (what the line is for)', () => {
      const env = containerEnv(image, {
        GIT_TEST_ASSUME_DIFFERENT_OWNER: '1',
        GIT_CONFIG_SYSTEM: join(workspace, 'empty-gitconfig'),
      });
      const run = runImage(image, ['scan', '--git'], mount, env);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/dubious ownership|not a git repository/);
    });
  });

  describe('HEALTHCHECK', () => {
    const { command } = parseHealthcheck(RUNTIME.instructions.find((i) => i.keyword === 'HEALTHCHECK')!.text);
    // Asynchronous: the stub servers below answer from this process.
    const healthcheck = async (env: Record<string, string>): Promise<number | null> => {
      const child = spawn(process.execPath, command.slice(1), {
        env: { PATH: process.env['PATH'] ?? '', ...env },
      });
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    };
    const serveLivez = livezStubs();

    it('passes when /livez answers 200 on PORT (serve) or on ROOTGUARD_HEALTH_PORT (worker)', async () => {
      const live = String(await serveLivez(200));
      const closed = String(await freePort());
      expect(await healthcheck({ PORT: live, ROOTGUARD_HEALTH_PORT: closed })).toBe(0);
      expect(await healthcheck({ PORT: closed, ROOTGUARD_HEALTH_PORT: live })).toBe(0);
    });

    it('fails when /livez answers an error or nothing listens', async () => {
      const failing = String(await serveLivez(503));
      const closed = String(await freePort());
      expect(await healthcheck({ PORT: failing, ROOTGUARD_HEALTH_PORT: closed })).toBe(1);
      expect(await healthcheck({ PORT: closed, ROOTGUARD_HEALTH_PORT: String(await freePort()) })).toBe(1);
    });

    describe('against the image', () => {
      let emulator: GitHubEmulator;
      const prefix = `rg-test-deploy-${randomUUID().slice(0, 8)}`;
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
      const appEnv = () =>
        containerEnv(image, {
          APP_ID: String(emulator.appId),
          PRIVATE_KEY: emulator.privateKeyPem,
          WEBHOOK_SECRET: `s-${randomUUID()}`,
          GITHUB_API_URL: emulator.url,
          ROOTGUARD_REDIS_URL: 'redis://127.0.0.1:6379',
          ROOTGUARD_PREFIX: prefix,
          ROOTGUARD_ALLOW_VOLATILE_REDIS: '1',
          LOG_LEVEL: 'warn',
          // The image listens on 0.0.0.0; on this shared machine, loopback only.
          HOST: '127.0.0.1',
        });

      for (const role of ['serve', 'worker'] as const) {
        it(`passes while \`${role}\` runs and fails once it has stopped`, { timeout: 60_000 }, async () => {
          const port = String(await freePort());
          const healthPort = String(await freePort());
          const env = { ...appEnv(), PORT: port, ROOTGUARD_HEALTH_PORT: healthPort };
          const probeEnv = { PORT: port, ROOTGUARD_HEALTH_PORT: healthPort };
          const started = startImage(image, [role], hostPath(image.root, image.workdir), env);
          try {
            await expect.poll(() => healthcheck(probeEnv), { timeout: 30_000, interval: 250 }).toBe(0);
          } finally {
            started.child.kill('SIGTERM');
          }
          const [code] = await started.exit;
          expect(code, started.output()).toBe(0);
          expect(await healthcheck(probeEnv)).toBe(1);
        });
      }
    });
  });
});

function removeInBackground(dir: string): void {
  spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' }).unref();
}
