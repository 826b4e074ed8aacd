import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { Readable } from 'node:stream';
import { BINARY_SNIFF_BYTES, isBinary } from '../is-binary.js';
import {
  ZIP_MAX_ENTRIES,
  ZIP_MAX_ENTRY_BYTES,
  ZIP_MAX_RATIO,
  ZIP_MAX_TOTAL_BYTES,
  ZIP_RATIO_MIN_BYTES,
} from '../limits.js';
import type { ScanCollector } from '../scan-collector.js';
import { entryLabel } from './entry-label.js';
import { isNestedArchive } from './nested-archive.js';

/** The caps of an archive walk (see limits.ts). */
export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
  readonly maxRatio: number;
  readonly ratioMinBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: ZIP_MAX_ENTRIES,
  maxEntryBytes: ZIP_MAX_ENTRY_BYTES,
  maxTotalBytes: ZIP_MAX_TOTAL_BYTES,
  maxRatio: ZIP_MAX_RATIO,
  ratioMinBytes: ZIP_RATIO_MIN_BYTES,
};

/** Receives one entry's inflated content. */
export interface ZipEntrySink {
  write(chunk: Uint8Array): void;
  /** The entry ended: read in full, or stopped by a cap (what was written is still scanned). */
  end(): void;
}

/** What to walk and where its entries go. */
export interface WalkZipOptions {
  readonly archive: Buffer;
  readonly limits: ZipLimits;
  readonly collector: ScanCollector;
  /** A sink for a text entry (binary entries and nested archives never reach it). */
  openEntry(label: string): ZipEntrySink;
}

function openZip(archive: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    // decodeStrings: false keeps names as bytes, so yauzl never validates them as paths and we
    // never use them as such; validateEntrySizes checks the inflated size against the headers.
    yauzl.fromBuffer(
      archive,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    ),
  );
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry): void => (done(), resolve(entry));
    const onEnd = (): void => (done(), resolve(undefined));
    const onError = (error: Error): void => (done(), reject(error));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

function openStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))),
  );
}

/**
 * Walks a zip archive held in memory, entry by entry, under caps counted while inflating (the
 * headers are not trusted): entries, bytes per entry and in all, and the compression ratio.
 * Binary entries and nested archives are skipped and counted. A cap or a broken entry ends with an
 * incomplete reason, never an exception: what was read before is kept. Nothing touches the disk.
 */
export async function walkZip(options: WalkZipOptions): Promise<void> {
  const { collector, limits } = options;
  let zip: ZipFile;
  try {
    zip = await openZip(options.archive);
  } catch {
    collector.incomplete('zip-unreadable', 'the log archive is not a zip archive that can be read');
    return;
  }
  const walk = { entries: 0, total: 0, stop: false };
  try {
    while (!walk.stop) {
      let entry: Entry | undefined;
      try {
        entry = await nextEntry(zip);
      } catch {
        collector.incomplete(
          'zip-unreadable',
          "the log archive's directory is broken; the entries after it were not read",
        );
        return;
      }
      if (entry === undefined) return;
      if (++walk.entries > limits.maxEntries) {
        collector.incomplete(
          'zip-max-entries',
          `the log archive has more than ${limits.maxEntries} entries; the entries after them were not read`,
        );
        return;
      }
      const label = entryLabel(entry.fileName as unknown as Buffer);
      if (label.endsWith('/')) continue;
      await readEntry(options, zip, entry, label, walk);
    }
  } finally {
    zip.close();
  }
}

async function readEntry(
  options: WalkZipOptions,
  zip: ZipFile,
  entry: Entry,
  label: string,
  walk: { total: number; stop: boolean },
): Promise<void> {
  const { collector, limits } = options;
  let head: Buffer[] | undefined = [];
  let headBytes = 0;
  let sink: ZipEntrySink | undefined;
  let skipped = false;
  let bytes = 0;
  /** Decides from the first bytes whether the entry is text to scan, then passes them on. */
  const decide = (): void => {
    const start = Buffer.concat(head ?? []);
    head = undefined;
    if (isNestedArchive(label, start)) {
      skipped = true;
      collector.stats.binarySkipped++;
      collector.incomplete(
        'zip-nested-archive',
        `${label} is an archive inside the log archive and was not opened`,
        label,
      );
    } else if (isBinary(start)) {
      skipped = true;
      collector.stats.binarySkipped++;
    } else {
      sink = options.openEntry(label);
      collector.stats.files++;
      collector.stats.bytes += start.length;
      if (start.length > 0) sink.write(start);
    }
  };
  const write = (chunk: Buffer): void => {
    if (head !== undefined) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= BINARY_SNIFF_BYTES) decide();
    } else if (sink !== undefined) {
      collector.stats.bytes += chunk.length;
      sink.write(chunk);
    }
  };
  try {
    const stream = await openStream(zip, entry);
    for await (const piece of stream) {
      const chunk = piece as Buffer;
      const allowed = Math.min(chunk.length, limits.maxEntryBytes - bytes, limits.maxTotalBytes - walk.total);
      write(chunk.subarray(0, allowed));
      bytes += allowed;
      walk.total += allowed;
      if (allowed < chunk.length) {
        if (walk.total >= limits.maxTotalBytes) {
          walk.stop = true;
          collector.incomplete(
            'zip-max-total-bytes',
            `the log archive inflates to more than ${limits.maxTotalBytes} bytes; reading stopped in ${label}`,
          );
        } else
          collector.incomplete(
            'zip-max-entry-bytes',
            `${label} inflates to more than ${limits.maxEntryBytes} bytes; the rest was not read`,
            label,
          );
        break;
      }
      if (bytes >= limits.ratioMinBytes && bytes / Math.max(1, entry.compressedSize) > limits.maxRatio) {
        collector.incomplete(
          'zip-ratio',
          `${label} inflates more than ${limits.maxRatio} times its compressed size (a zip bomb?); the rest was not read`,
          label,
        );
        break;
      }
      if (skipped) break;
    }
  } catch (error) {
    const mismatch = /bytes in the stream/.test((error as Error).message);
    collector.incomplete(
      mismatch ? 'zip-entry-size-mismatch' : 'zip-entry-unreadable',
      mismatch
        ? `${label}'s headers give a size other than its content's; it was read only up to the mismatch`
        : `${label} could not be read from the log archive`,
      label,
    );
  }
  if (head !== undefined) decide();
  sink?.end();
}
