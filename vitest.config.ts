import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The secret canary runs after every test file (test/support/suite-canary.ts).
    // Then the Redis servers a file started are ended and their files removed (cleanup-setup.ts).
    setupFiles: ['test/support/canary-setup.ts', 'test/support/cleanup-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most files wait on Redis, the emulators or child processes rather than on the CPU: three
    // forks on a 2-vCPU machine take the suite from about 340 s to about 155 s.
    maxWorkers: 3,
    // In CI a JSON report is written as well, so .ci/run can print one "N passed, N failed" line.
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: '.vitest-report.json' }]] : ['default'],
  },
});
