/** Names of archives and compressed files, which are never opened inside a log archive. */
const ARCHIVE_NAME = /\.(?:zip|jar|war|apk|gz|tgz|tar|bz2|tbz2?|xz|txz|zst|7z|rar|lz4|lzma|z|cab)$/i;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const GZIP_MAGIC = [0x1f, 0x8b];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

/** Whether an entry is an archive in the archive, by its name or its first bytes. */
export function isNestedArchive(label: string, head: Uint8Array): boolean {
  return ARCHIVE_NAME.test(label) || startsWith(head, ZIP_MAGIC) || startsWith(head, GZIP_MAGIC);
}
