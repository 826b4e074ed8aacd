// Runs a parsed Dockerfile's stages without a container engine: each stage gets a directory that
// stands for its file system root (`/app` is `<root>/app`), COPY copies from the build context or
// from another stage's root, and RUN runs the npm, node and git commands there. What it does not
// run (system packages, cleaning npm's cache) it returns as `notRun`, for the test to check.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';
import { execForm, type Stage } from './parse-dockerfile.js';

/** A stage after its instructions ran. */
export interface StageResult {
  readonly name: string;
  /** The directory standing for the stage's `/`. */
  readonly root: string;
  /** The working directory the last WORKDIR set (an image path). */
  readonly workdir: string;
  /** The ENV values set by the stage. */
  readonly env: Readonly<Record<string, string>>;
  readonly user: string | undefined;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly healthcheck: string | undefined;
  readonly exposed: readonly string[];
  /** The RUN commands (split at `&&`) that were not run, in order. */
  readonly notRun: readonly string[];
}

export interface RunStagesOptions {
  /** The build context (a clean tree, .dockerignore applied). */
  readonly context: string;
  /** Where the stages' roots are made. */
  readonly workspace: string;
  /** Added to every RUN's environment (npm's cache settings, PATH). */
  readonly env: Readonly<Record<string, string>>;
}

/** Commands run as the builder would; anything else is reported in `notRun`. */
const RUNNABLE = new Set(['npm', 'node', 'git']);
/** npm commands that only shrink the image, left out so the machine's npm cache is kept. */
const IMAGE_ONLY = /^npm cache clean\b/;

/**
 * Runs every stage, in parallel as BuildKit does, a stage waiting at `COPY --from` until the
 * stage it copies from has finished.
 */
export async function runStages(
  stages: readonly Stage[],
  options: RunStagesOptions,
): Promise<Map<string, StageResult>> {
  const running = new Map<string, Promise<StageResult>>();
  for (const stage of stages) running.set(stage.name, runStage(stage, options, running));
  const results = new Map<string, StageResult>();
  for (const [name, result] of running) results.set(name, await result);
  return results;
}

/** An image path as a path under the stage's root. */
export function hostPath(root: string, imagePath: string): string {
  return join(root, imagePath);
}

async function runStage(
  stage: Stage,
  options: RunStagesOptions,
  others: ReadonlyMap<string, Promise<StageResult>>,
): Promise<StageResult> {
  const root = join(options.workspace, stage.name);
  mkdirSync(root, { recursive: true });
  let workdir = '/';
  const env: Record<string, string> = {};
  let user: string | undefined;
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  let healthcheck: string | undefined;
  const exposed: string[] = [];
  const notRun: string[] = [];
  const resolve = (path: string) => (posix.isAbsolute(path) ? path : posix.join(workdir, path));
  for (const instruction of stage.instructions) {
    const { keyword, text } = instruction;
    if (keyword === 'WORKDIR') {
      workdir = resolve(text);
      mkdirSync(hostPath(root, workdir), { recursive: true });
    } else if (keyword === 'ENV') {
      for (const pair of text.split(/\s+/)) {
        const match = /^([A-Za-z_][A-Za-z0-9_]*)=([^"'\s]*)$/.exec(pair);
        if (!match)
          throw new Error(`line ${instruction.line}: the deploy tests read only ENV NAME=value, not ${pair}`);
        env[match[1]!] = match[2]!;
      }
    } else if (keyword === 'USER') user = text;
    else if (keyword === 'EXPOSE') exposed.push(...text.split(/\s+/));
    else if (keyword === 'HEALTHCHECK') healthcheck = text;
    else if (keyword === 'ENTRYPOINT' || keyword === 'CMD') {
      const args = execForm(text);
      if (!args)
        throw new Error(
          `line ${instruction.line}: ${keyword} must use the exec form (signals reach the process)`,
        );
      if (keyword === 'ENTRYPOINT') entrypoint = args;
      else cmd = args;
    } else if (keyword === 'COPY') {
      const words = text.split(/\s+/);
      const flags = words.filter((word) => word.startsWith('--'));
      const paths = words.filter((word) => !word.startsWith('--'));
      const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
      const unknown = flags.filter((flag) => !flag.startsWith('--from='));
      if (unknown.length > 0)
        throw new Error(`line ${instruction.line}: the deploy tests do not know COPY ${unknown.join(' ')}`);
      const destination = resolve(paths.pop()!);
      let sourceRoot = options.context;
      if (from !== undefined) {
        const other = others.get(from);
        if (!other) throw new Error(`line ${instruction.line}: COPY --from=${from} names no earlier stage`);
        sourceRoot = (await other).root;
      }
      for (const source of paths) {
        const sourcePath = join(sourceRoot, source);
        if (!existsSync(sourcePath))
          throw new Error(`line ${instruction.line}: COPY ${source}: not in the ${from ?? 'build context'}`);
        const intoDirectory =
          paths.length > 1 || destination.endsWith('/') || statSync(sourcePath).isDirectory();
        const target = hostPath(root, destination);
        if (statSync(sourcePath).isDirectory()) cpSync(sourcePath, target, { recursive: true });
        else if (intoDirectory) {
          mkdirSync(target, { recursive: true });
          cpSync(sourcePath, join(target, posix.basename(source)));
        } else {
          mkdirSync(join(target, '..'), { recursive: true });
          cpSync(sourcePath, target);
        }
      }
    } else if (keyword === 'RUN') {
      if (execForm(text))
        throw new Error(`line ${instruction.line}: the deploy tests run the shell form of RUN only`);
      for (const command of text.split(/\s*&&\s*/)) {
        const words = command.trim().split(/\s+/);
        if (!RUNNABLE.has(words[0]!) || IMAGE_ONLY.test(command)) {
          notRun.push(command.trim());
          continue;
        }
        // Absolute paths in the command are image paths: they live under the stage's root.
        const argv = words.map((word) =>
          isAbsolute(unquote(word)) ? hostPath(root, unquote(word)) : unquote(word),
        );
        await run(
          argv,
          hostPath(root, workdir),
          { ...options.env, ...env, GIT_CONFIG_SYSTEM: systemGitConfig(root) },
          instruction.line,
        );
      }
    }
  }
  return { name: stage.name, root, workdir, env, user, entrypoint, cmd, healthcheck, exposed, notRun };
}

/** The file standing for the stage's `/etc/gitconfig` (git's `--system` scope). */
export function systemGitConfig(root: string): string {
  mkdirSync(join(root, 'etc'), { recursive: true });
  return join(root, 'etc', 'gitconfig');
}

function unquote(word: string): string {
  return /^'.*'$|^".*"$/.test(word) ? word.slice(1, -1) : word;
}

function run(argv: string[], cwd: string, env: Record<string, string>, line: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else
        reject(
          new Error(`Dockerfile line ${line}: \`${argv.join(' ')}\` exited ${code}:\n${output.slice(-4000)}`),
        );
    });
  });
}
