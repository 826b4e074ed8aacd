import { readFileSync } from 'node:fs';
import { describeSystemError } from '../describe-system-error.js';
import { ConfigError } from '../errors.js';

/** The option that names the baseline file: the `field` of its errors. */
const BASELINE_OPTION = '--baseline';

function malformed(file: string, problem: string): ConfigError {
  return new ConfigError('config-invalid', BASELINE_OPTION, `malformed baseline ${file}: ${problem}`);
}

/**
 * The fingerprints listed in a baseline: a JSON report written earlier by `--format json` or
 * `--write-baseline` (`{"findings": [{"fingerprint": …}, …], …}`).
 */
export function readBaseline(file: string): ReadonlySet<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'config-unreadable',
      BASELINE_OPTION,
      `cannot read baseline ${file}: ${describeSystemError(error)}`,
    );
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    throw malformed(file, 'not JSON');
  }
  const findings = (report as { findings?: unknown } | null)?.findings;
  if (typeof report !== 'object' || report === null || !Array.isArray(findings)) {
    throw malformed(file, 'expected an object with a "findings" array (a rootguard JSON report)');
  }
  const fingerprints = new Set<string>();
  for (const [index, finding] of findings.entries()) {
    const fingerprint = (finding as { fingerprint?: unknown } | null)?.fingerprint;
    if (typeof fingerprint !== 'string')
      throw malformed(file, `findings[${index}] has no "fingerprint" string`);
    fingerprints.add(fingerprint);
  }
  return fingerprints;
}
