// Preloaded into the measured CLI process (`node --import`): at exit it writes the process's own peak
// resident set size in KiB (getrusage's ru_maxrss, exact, not sampled) to ROOTGUARD_BENCH_RSS_FILE.
// Plain JavaScript on purpose: a TypeScript loader would add its own memory to the measurement.
import { writeFileSync } from 'node:fs';

const target = process.env.ROOTGUARD_BENCH_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
