import type { ScanCollector } from '../scan-collector.js';

/**
 * Feeds a download's body to `write` chunk by chunk, up to `maxBytes`; beyond, the download is
 * cancelled and the scan marked incomplete with `code`. Returns the bytes read.
 */
export async function readLogStream(
  body: ReadableStream<Uint8Array>,
  write: (chunk: Uint8Array) => void,
  limit: { readonly maxBytes: number; readonly code: string; readonly subject: string },
  collector: ScanCollector,
): Promise<number> {
  let bytes = 0;
  for await (const chunk of body) {
    const room = limit.maxBytes - bytes;
    if (chunk.length > room) {
      write(chunk.subarray(0, room));
      bytes += room;
      collector.incomplete(
        limit.code,
        `${limit.subject} is larger than ${limit.maxBytes} bytes; only its first ${limit.maxBytes} bytes were scanned`,
        limit.subject,
      );
      // Leaving the loop cancels the download.
      break;
    }
    write(chunk);
    bytes += chunk.length;
  }
  return bytes;
}
