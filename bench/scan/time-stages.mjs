// Where `rootguard scan` spends its time, measured in one process: importing the CLI, building the
// detector, scanBytes (files read whole), StreamScanner (large files) and the rest (walking,
// ignore rules, reads, reporting). Runs the real CLI through `main(argv, io, deps)` with the real
// engine wrapped in timers; prints one JSON object. Usage: node bench/scan/time-stages.mjs DIR
// Plain JavaScript so that no TypeScript loader is part of the import time.
import { performance } from 'node:perf_hooks';
const started = performance.now();
const { main, defaultDeps } = await import('../../dist/src/cli/main.js');
const imported = performance.now();

const stages = { buildMs: 0, wholeMs: 0, wholeBytes: 0, streamMs: 0, streamBytes: 0 };
function timed(key, run) {
  const t = performance.now();
  try {
    return run();
  } finally {
    stages[key] += performance.now() - t;
  }
}

function createTimedEngine(options) {
  const engine = timed('buildMs', () => defaultDeps.createEngine(options));
  return {
    scanBytes(bytes, path) {
      stages.wholeBytes += bytes.length;
      return timed('wholeMs', () => engine.scanBytes(bytes, path));
    },
    createStream(path) {
      const stream = engine.createStream(path);
      return {
        write(chunk) {
          stages.streamBytes += chunk.length;
          return timed('streamMs', () => stream.write(chunk));
        },
        end: () => timed('streamMs', () => stream.end()),
      };
    },
  };
}

const discard = { write: () => true };
const io = { stdin: process.stdin, stdout: discard, stderr: discard, cwd: process.cwd(), env: process.env };
const exitCode = await main(['scan', '--format', 'json', process.argv[2] ?? '.'], io, {
  ...defaultDeps,
  createEngine: createTimedEngine,
});
const mainMs = performance.now() - imported;
const restMs = mainMs - stages.buildMs - stages.wholeMs - stages.streamMs;
const result = { exitCode, importMs: imported - started, mainMs, ...stages, restMs };
process.stdout.write(`${JSON.stringify(result)}\n`);
