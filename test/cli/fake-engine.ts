// Until the real detector lands: a tiny engine finding current-format root keys, so the pipeline
// can be exercised. Removed once tests run against src/detect.
import type { Finding } from '../../src/detect/finding.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { maskKey } from '../../src/detect/mask.js';
import type { ScanEngine } from '../../src/cli/scan/scan-engine.js';
import { UNKEY_PREFIX } from '../support/keygen.js';

const KEY = new RegExp(
  `(?<![A-Za-z0-9_])${UNKEY_PREFIX}3Z[F-HJ-NP-Za-km-o][1-9A-HJ-NP-Za-km-z]{21}(?![A-Za-z0-9_])`,
  'g',
);

function scanText(text: string, path: string): Finding[] {
  const findings: Finding[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.includes('rootguard:allow')) return;
    for (const match of line.matchAll(KEY)) {
      findings.push({
        ruleId: 'unkey-root-key',
        path,
        line: index + 1,
        column: [...line.slice(0, match.index)].length + 1,
        fingerprint: fingerprintKey(match[0]),
        masked: maskKey(match[0]),
      });
    }
  });
  return findings;
}

export const fakeEngine: ScanEngine = {
  scanBytes: (bytes, path) => scanText(Buffer.from(bytes).toString('utf8'), path),
  createStream: (path) => {
    const chunks: Buffer[] = [];
    return {
      write: (chunk) => (chunks.push(Buffer.from(chunk)), []),
      end: () => scanText(Buffer.concat(chunks).toString('utf8'), path),
    };
  },
};
