import { describe, expect, it } from 'vitest';
import { SARIF_MAX_RESULTS } from '../../../src/report/formats/sarif-result-cap.js';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { KeyGenerator } from '../../support/keygen.js';
import { makeTree, runRootguard } from '../../cli/harness.js';
import { sarifSchemaErrors } from '../../cli/sarif-schema.js';

interface CappedLog {
  runs: {
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications?: { level: string; message: { text: string } }[];
    }[];
    results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[];
  }[];
}

/** A file whose every line holds the same key: one finding per line. */
function treeWithFindings(count: number, key: string): string {
  return makeTree({ 'many.env': `K=${key}\n`.repeat(count) });
}

describe('--format sarif result cap', () => {
  it('writes the first SARIF_MAX_RESULTS results and says so in the run and on stderr', async () => {
    const key = new KeyGenerator(31).rootKey();
    const total = SARIF_MAX_RESULTS + 2;
    const run = await runRootguard(['scan', '--format', 'sarif'], { cwd: treeWithFindings(total, key) });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as CappedLog;
    const [sarifRun] = log.runs;
    expect(sarifRun?.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(sarifRun?.results.at(-1)?.locations[0]?.physicalLocation.region.startLine).toBe(SARIF_MAX_RESULTS);
    const notifications = sarifRun?.invocations[0]?.toolExecutionNotifications ?? [];
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.level).toBe('warning');
    expect(notifications[0]?.message.text).toContain(`first ${SARIF_MAX_RESULTS} of ${total} findings`);
    expect(run.stderr).toContain(
      `rootguard: warning: the SARIF report holds the first ${SARIF_MAX_RESULTS} of ${total}`,
    );
    expect(run.stdout).not.toContain(key);
    expect(run.stdout).toContain(fingerprintKey(key));
    expect(
      sarifSchemaErrors({ ...log, runs: log.runs.map((r) => ({ ...r, results: r.results.slice(0, 5) })) }),
    ).toEqual([]);
  });

  it('writes every result and no notification at the limit', async () => {
    const key = new KeyGenerator(32).rootKey();
    const run = await runRootguard(['scan', '--format', 'sarif'], {
      cwd: treeWithFindings(SARIF_MAX_RESULTS, key),
    });
    const log = JSON.parse(run.stdout) as CappedLog;
    expect(log.runs[0]?.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(log.runs[0]?.invocations).toEqual([{ executionSuccessful: true }]);
    expect(run.stderr).not.toContain('warning');
  });
});
