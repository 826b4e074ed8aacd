import type { Finding } from '../detect/finding.js';
import { StreamScanner } from '../detect/stream-scanner.js';
import { decodeUtf16 } from './decode-utf16.js';
import { isBinary } from './is-binary.js';
import { MAX_BLOB_BYTES } from './limits.js';
import { readCapped } from './read-capped.js';
import { ScanBudget } from './scan-budget.js';
import type { ScanCollector } from './scan-collector.js';
import type { SourceOptions } from './source-options.js';

/**
 * Scans a whole file of a commit from its blob, for a file the API shows without a patch (binary
 * or too large to diff): lines are the file's lines. The blob is asked for raw and streamed, so a
 * blob larger than `MAX_BLOB_BYTES` is never held: it is not scanned (incomplete). A binary blob
 * (NUL in its first 8 KiB) is skipped and counted, unless it is UTF-16 text (then it is scanned
 * decoded). Returns the findings.
 */
export async function scanBlob(
  options: SourceOptions,
  collector: ScanCollector,
  path: string,
  sha: string,
): Promise<Finding[]> {
  const response = await options.client.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
    owner: options.repo.owner,
    repo: options.repo.repo,
    file_sha: sha,
    mediaType: { format: 'raw' },
    request: { parseSuccessResponseBody: false },
  });
  const download = {
    body: response.data as unknown as ReadableStream<Uint8Array> | null,
    declaredLength: response.headers['content-length'],
  };
  const bytes = await readCapped(download, MAX_BLOB_BYTES);
  if (bytes === undefined) {
    collector.incomplete(
      'max-blob-bytes',
      `${path} was not scanned: it has no diff and its blob is larger than ${MAX_BLOB_BYTES} bytes`,
      path,
    );
    return [];
  }
  // UTF-16 text has NUL bytes too: read it as the text it is, not skipped as binary.
  const text = isBinary(bytes) ? decodeUtf16(bytes) : bytes;
  if (text === undefined) {
    collector.stats.binarySkipped++;
    return [];
  }
  collector.stats.files++;
  collector.stats.bytes += bytes.length;
  // A blob of up to MAX_BLOB_BYTES scanned at once could hold the event loop for seconds.
  const scanner = new StreamScanner(options.detector, path);
  const findings: Finding[] = [];
  await new ScanBudget().write(text, (slice) => findings.push(...scanner.write(slice)));
  findings.push(...scanner.end());
  return findings;
}
