// Starts and runs the built image's command line (its ENTRYPOINT) as the container would, on this
// machine's node: the image's paths under the stage's root, the image's ENV, git's system config
// from the stage.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { hostPath, systemGitConfig, type StageResult } from './run-dockerfile.js';

/** The entry point as argv for this machine: tini's `--` dropped (tini is not installed here), paths mapped. */
export function entrypointArgv(stage: StageResult): string[] {
  const [first, separator, node, script, ...rest] = stage.entrypoint;
  if (first !== '/usr/bin/tini' || separator !== '--' || node !== 'node' || script === undefined)
    throw new Error(
      `the deploy tests expect ENTRYPOINT ["/usr/bin/tini", "--", "node", SCRIPT], not ${JSON.stringify(stage.entrypoint)}`,
    );
  return [process.execPath, hostPath(stage.root, script), ...rest];
}

/**
 * The container's environment: the image's ENV, a HOME of its own and no user or global git
 * config; git's system config is the one the Dockerfile wrote. `differentOwner` makes git treat
 * every repository as owned by someone else, as a repository mounted from the host is.
 */
export function containerEnv(stage: StageResult, extra: Record<string, string> = {}): Record<string, string> {
  // Beside the stage's root, so it goes when the test's workspace does.
  const home = mkdtempSync(join(stage.root, '..', `${stage.name}-home-`));
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_GLOBAL: join(home, 'no-global-gitconfig'),
    GIT_CONFIG_SYSTEM: systemGitConfig(stage.root),
    ...stage.env,
    ...extra,
  };
}

/** Runs `rootguard ARGS` from the image to its end. */
export function runImage(
  stage: StageResult,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
) {
  const [command, ...argv] = entrypointArgv(stage);
  return spawnSync(command!, [...argv, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
}

/** A long-running `rootguard ARGS` from the image, with its output collected. */
export function startImage(
  stage: StageResult,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
) {
  const [command, ...argv] = entrypointArgv(stage);
  const child: ChildProcess = spawn(command!, [...argv, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = once(child, 'exit') as Promise<[number | null, string | null]>;
  return { child, output: () => output, exit };
}
