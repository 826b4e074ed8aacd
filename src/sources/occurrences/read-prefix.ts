/** Reads a stream up to `maxBytes`, cancelling the rest: a long log is searched in its first part. */
export async function readPrefix(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    const room = maxBytes - bytes;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      // Leaving the loop cancels the download.
      return { bytes: Buffer.concat(chunks, maxBytes), truncated: true };
    }
    chunks.push(chunk);
    bytes += chunk.length;
  }
  return { bytes: Buffer.concat(chunks, bytes), truncated: false };
}
