import { createDetector } from '../../detect/create-detector.js';
import { scanBytes } from '../../detect/scan-bytes.js';
import { CliError } from '../errors.js';

/**
 * A last check before anything is printed: rootguard's own detector over the whole output. The
 * demo holds the leaked, responder and replacement keys in memory; none may reach the terminal,
 * whatever path it took (masked keys are not findings).
 */
export function assertNoKey(output: string): void {
  const findings = scanBytes(createDetector(), Buffer.from(output), 'demo output');
  if (findings.length > 0)
    throw new CliError(
      'cannot-start',
      `the demo's account held ${findings.length} key(s) (${findings.map((f) => f.masked).join(', ')}); nothing was printed.`,
    );
}
