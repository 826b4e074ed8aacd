import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { maskKey } from '../../src/detect/mask.js';
import { KeyGenerator } from '../support/keygen.js';
import { makeTree, runRootguard } from './harness.js';
import { sarifSchemaErrors } from './sarif-schema.js';

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        semanticVersion: string;
        informationUri: string;
        rules: Record<string, unknown>[];
      };
    };
    columnKind: string;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: object };
      }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

describe('--format json', () => {
  it('prints findings and stats', async () => {
    const key = new KeyGenerator(21).rootKey();
    const root = makeTree({ 'dir/a.env': `X=${key}\n`, 'b.txt': 'b\n' });
    const run = await runRootguard(['scan', '--format', 'json'], { cwd: root });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: unknown[]; stats: Record<string, number> };
    expect(report.findings).toEqual([
      {
        ruleId: 'unkey-root-key',
        path: 'dir/a.env',
        line: 1,
        column: 3,
        fingerprint: fingerprintKey(key),
        masked: maskKey(key),
      },
    ]);
    expect(report.stats).toMatchObject({
      files: 2,
      bytes: `X=${key}\n`.length + 2,
      skipped: 0,
      symlinks: 0,
      suppressed: 0,
    });
    expect(report.stats.ms).toBeGreaterThanOrEqual(0);
  });
});

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0 with what GitHub code scanning reads', async () => {
    const gen = new KeyGenerator(22);
    const [one, two] = [gen.rootKey(), gen.rootKey()];
    const root = makeTree({ 'src/my file#1.ts': `const a = 1;\n  "${one}"\n`, 'z.env': `K=${two}\n` });
    const run = await runRootguard(['scan', '--format', 'sarif'], { cwd: root });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log).toMatchObject({ $schema: expect.stringContaining('sarif-2.1.0'), version: '2.1.0' });
    expect(log.runs).toHaveLength(1);
    const [sarifRun] = log.runs;
    expect(sarifRun?.columnKind).toBe('unicodeCodePoints');
    const driver = sarifRun!.tool.driver;
    expect(driver).toMatchObject({
      name: 'rootguard',
      semanticVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(URL.canParse(driver.informationUri)).toBe(true);
    expect(driver.rules.map((rule) => rule.id)).toEqual([
      'unkey-root-key',
      'unkey-root-key-v1',
      'unkey-api-key',
    ]);
    for (const rule of driver.rules) {
      expect(rule).toMatchObject({
        name: expect.stringMatching(/^[A-Z][A-Za-z0-9]+$/),
        shortDescription: { text: expect.any(String) },
        fullDescription: { text: expect.any(String) },
        help: { text: expect.any(String), markdown: expect.any(String) },
        helpUri: expect.stringMatching(/^https:\/\//),
        defaultConfiguration: { level: 'error' },
        properties: {
          tags: expect.arrayContaining(['security']),
          'security-severity': expect.stringMatching(/^\d+\.\d$/),
        },
      });
    }
    expect(sarifRun!.results).toEqual([
      {
        ruleId: 'unkey-root-key',
        ruleIndex: 0,
        level: 'error',
        message: { text: expect.stringContaining(maskKey(one!)) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'src/my%20file%231.ts', uriBaseId: '%SRCROOT%' },
              region: { startLine: 2, startColumn: 4 },
            },
          },
        ],
        partialFingerprints: { 'rootguardFingerprint/v1': fingerprintKey(one!) },
      },
      expect.objectContaining({
        ruleId: 'unkey-root-key',
        partialFingerprints: { 'rootguardFingerprint/v1': fingerprintKey(two!) },
      }),
    ]);
  });

  it('is valid SARIF with no results, and the exit status is 0', async () => {
    const run = await runRootguard(['scan', '--format=sarif'], { cwd: makeTree({ 'a.txt': 'a\n' }) });
    expect(run.code).toBe(0);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]?.results).toEqual([]);
  });

  it('the validator rejects a log missing what the schema requires', () => {
    expect(sarifSchemaErrors({ version: '2.1.0', runs: [{ tool: {} }] })).not.toEqual([]);
  });
});
