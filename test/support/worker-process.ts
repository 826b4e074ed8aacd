import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFailed } from 'vitest';
import { findKeyMaterial } from './secret-canary.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'rootguard.js');
/** The preload that stops a worker at a chosen playbook record (see the file). */
const STOP_AT_RECORD = fileURLToPath(new URL('./stop-at-record.mjs', import.meta.url));

/** A `rootguard worker` running as its own process. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far (never printed by the helper). */
  output(): string;
  /** Resolves with the exit code and signal once it has exited. */
  readonly exited: Promise<[code: number | null, signal: NodeJS.Signals | null]>;
  /** Whether it has exited. */
  hasExited(): boolean;
  /** Whether it is stopped (SIGSTOP; read from /proc, so Linux only). */
  isStopped(): boolean;
  /** Sends `signal` (if it still runs) and waits for the exit. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** How a worker process is started. */
export interface WorkerProcessOptions {
  /** Its whole environment (PATH is added). */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Stop the process (SIGSTOP) once this playbook record is in Redis (`stop-at-record.mjs`): `step` (saved with an
   * outcome) or `step:detailField` (checkpointed with that detail, no outcome yet). @defaultValue never
   */
  readonly stopAt?: string;
}

const running = new Set<WorkerProcess>();

/** Starts `node bin/rootguard.js worker` (the built CLI: see {@link assertBuiltCliFresh}). */
export function startWorkerProcess(options: WorkerProcessOptions): WorkerProcess {
  const args = options.stopAt === undefined ? [BIN, 'worker'] : ['--import', STOP_AT_RECORD, BIN, 'worker'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      // Workers of parallel tests must not contend for the default health port (9464).
      ROOTGUARD_HEALTH_PORT: '0',
      ...options.env,
      ...(options.stopAt !== undefined ? { RG_TEST_STOP_AT: options.stopAt } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = (once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>).then((result) => {
    exited = true;
    running.delete(worker);
    return result;
  });
  const worker: WorkerProcess = {
    child,
    output: () => output,
    exited: exit,
    hasExited: () => exited,
    isStopped: () => !exited && /^\d+ \(.*\) T /.test(readFileSync(`/proc/${child.pid}/stat`, 'utf8')),
    async stop(signal) {
      if (!exited) child.kill(signal);
      await exit;
    },
  };
  running.add(worker);
  return worker;
}

/** SIGKILLs every worker process still running (for `afterAll`, whatever happened). */
export async function killAllWorkerProcesses(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.stop('SIGKILL')));
}

function newestMtime(dir: string, suffix: string): { path: string; ms: number } {
  let newest = { path: '', ms: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const found = entry.isDirectory()
      ? newestMtime(path, suffix)
      : entry.name.endsWith(suffix)
        ? { path, ms: statSync(path).mtimeMs }
        : newest;
    if (found.ms > newest.ms) newest = found;
  }
  return newest;
}

/**
 * Throws unless `dist/` was built after the last change to `src/` or `emulators/`: a worker process runs the
 * built CLI while the test runs the sources, and a stale build would test old code.
 * (`npm test` builds first.)
 */
export function assertBuiltCliFresh(): void {
  const built = join(ROOT, 'dist', 'src', 'cli', 'main.js');
  let builtMs: number;
  try {
    builtMs = newestMtime(join(ROOT, 'dist'), '.js').ms;
    statSync(built);
  } catch {
    throw new Error('dist/ is missing: run `npm run build` first (`npm test` does).');
  }
  // dist/ holds src/ and emulators/ (the demo runs the built emulators).
  const source = [newestMtime(join(ROOT, 'src'), '.ts'), newestMtime(join(ROOT, 'emulators'), '.ts')].reduce(
    (a, b) => (b.ms > a.ms ? b : a),
  );
  if (source.ms > builtMs)
    throw new Error(
      `dist/ is older than ${source.path.slice(ROOT.length)}: run \`npm run build\` first (\`npm test\` does).`,
    );
}

/**
 * Shows the workers' output when the running test fails, each only if it holds none of
 * `canaries` (the keys the test knows): a failure must not print a key.
 */
export function showWorkerOutputOnFailure(
  workers: readonly WorkerProcess[],
  canaries: readonly string[],
): void {
  onTestFailed(() => {
    for (const [i, worker] of workers.entries()) {
      const leaks = findKeyMaterial([['output', worker.output()]], canaries);
      console.error(
        `--- rootguard worker ${i + 1} ---\n${leaks.length > 0 ? '(holds key material: not shown)' : worker.output()}`,
      );
    }
  });
}

/** Each worker's output, labelled, to look for key material in. */
export function workerOutputs(workers: readonly WorkerProcess[]): [label: string, text: string][] {
  return workers.map((worker, i) => [`worker ${i + 1}`, worker.output()]);
}
