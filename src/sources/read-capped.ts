/** A download to read: its body and the length it declares, when it does. */
export interface CappedDownload {
  readonly body: ReadableStream<Uint8Array> | null;
  /** The `content-length` header's value, when there is one. */
  readonly declaredLength?: string | number | null;
}

/**
 * Reads a download into memory, up to `maxBytes` (counted while downloading; a declared length
 * above the cap stops it before reading). `undefined` when the download is larger.
 */
export async function readCapped(download: CappedDownload, maxBytes: number): Promise<Buffer | undefined> {
  const { body } = download;
  if (Number(download.declaredLength ?? NaN) > maxBytes) {
    await body?.cancel();
    return undefined;
  }
  if (body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    // Leaving the loop cancels the download.
    if (bytes > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, bytes);
}
