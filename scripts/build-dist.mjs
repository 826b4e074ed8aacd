// `npm run build`: compiles src/ and emulators/ into dist/src/ and dist/emulators/ (the demo runs
// the emulators from dist/), then copies the emulators' data files, which tsc does not emit.
// A fresh dist/ each time, so nothing of an older layout is left to be run by mistake.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

/** Data files the compiled emulators read next to their modules. */
const DATA_FILES = [
  'emulators/github/openapi/subset.json',
  ...readdirSync(join(ROOT, 'emulators/unkey/contracts'))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `emulators/unkey/contracts/${name}`),
];

rmSync(DIST, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
for (const file of DATA_FILES) {
  mkdirSync(dirname(join(DIST, file)), { recursive: true });
  cpSync(join(ROOT, file), join(DIST, file));
}
