import { scanBytes } from '../detect/scan-bytes.js';
import { SourceError } from './errors.js';
import { isBinary } from './is-binary.js';
import { MAX_BLOB_BYTES } from './limits.js';
import type { ScanCollector } from './scan-collector.js';
import type { SourceOptions } from './source-options.js';
import type { Finding } from '../detect/finding.js';

/**
 * Scans a whole file of a commit from its blob, for a file the API shows without a patch (binary
 * or too large to diff): lines are the file's lines. A blob larger than `MAX_BLOB_BYTES` is not
 * scanned (incomplete); a binary one is skipped and counted. Returns the findings.
 */
export async function scanBlob(
  options: SourceOptions,
  collector: ScanCollector,
  path: string,
  sha: string,
): Promise<Finding[]> {
  const { owner, repo } = options.repo;
  const { data } = await options.client.rest.git.getBlob({ owner, repo, file_sha: sha });
  const tooLarge = (size: number): Finding[] => {
    collector.incomplete(
      'max-blob-bytes',
      `${path} (${size} bytes) was not scanned: it has no diff and is larger than ${MAX_BLOB_BYTES} bytes`,
      path,
    );
    return [];
  };
  if ((data.size ?? 0) > MAX_BLOB_BYTES) return tooLarge(data.size ?? 0);
  if (data.encoding !== 'base64' && data.encoding !== 'utf-8')
    throw new SourceError('bad-response', `blob ${sha} of ${path} came in an unknown encoding`);
  const bytes = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
  if (bytes.length > MAX_BLOB_BYTES) return tooLarge(bytes.length);
  if (isBinary(bytes)) {
    collector.stats.binarySkipped++;
    return [];
  }
  collector.stats.files++;
  collector.stats.bytes += bytes.length;
  return scanBytes(options.detector, bytes, path);
}
