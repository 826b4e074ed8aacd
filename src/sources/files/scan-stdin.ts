import type { Finding } from '../../detect/finding.js';
import { describeSystemError } from '../../config/describe-system-error.js';
import { SourceError } from '../errors.js';
import type { ScanEngine } from '../scan-engine.js';

/** The path under which findings in standard input are reported. */
export const STDIN_PATH = '-';

/** Standard input scanned as it arrives (never held whole), with the byte count. */
export async function scanStdin(
  engine: ScanEngine,
  stdin: AsyncIterable<Uint8Array | string>,
): Promise<{ bytes: number; findings: Finding[] }> {
  const stream = engine.createStream(STDIN_PATH);
  const findings: Finding[] = [];
  let bytes = 0;
  try {
    for await (const chunk of stdin) {
      const piece = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      bytes += piece.length;
      for (const finding of stream.write(piece)) findings.push(finding);
    }
  } catch (error) {
    throw new SourceError('unreadable-path', `cannot read standard input: ${describeSystemError(error)}`);
  }
  for (const finding of stream.end()) findings.push(finding);
  return { bytes, findings };
}
