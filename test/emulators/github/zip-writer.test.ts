import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../emulators/github/zip-writer.js';

interface Read {
  entries: { name: string; size: number; compressedSize: number; data?: Buffer; error?: string }[];
}

/** Reads every entry with yauzl (what rootguard uses), collecting per-entry errors. */
function read(zip: Buffer, options: yauzl.Options = {}): Promise<Read> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      zip,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, ...options },
      (err, file) => {
        if (err || !file) return reject(err ?? new Error('no zip'));
        const out: Read = { entries: [] };
        file.on('entry', (entry: yauzl.Entry) => {
          const row = {
            name: entry.fileName,
            size: entry.uncompressedSize,
            compressedSize: entry.compressedSize,
          } as Read['entries'][number];
          out.entries.push(row);
          file.openReadStream(entry, (e, stream) => {
            if (e || !stream) {
              row.error = String(e);
              return file.readEntry();
            }
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('error', (se) => {
              row.error = String(se);
              file.readEntry();
            });
            stream.on('end', () => {
              row.data = Buffer.concat(chunks);
              file.readEntry();
            });
          });
        });
        file.on('end', () => resolve(out));
        file.on('error', reject);
        file.readEntry();
      },
    );
  });
}

describe('zip-writer', () => {
  it('writes stored and deflated entries that yauzl reads back', async () => {
    const zip = writeZip([
      { name: '0_build.txt', data: 'hello\n'.repeat(100) },
      { name: 'build/1_Set up job.txt', data: Buffer.from([1, 2, 3]), method: 'store' },
    ]);
    const { entries } = await read(zip);
    expect(entries.map((e) => [e.name, e.data?.toString('hex')])).toEqual([
      ['0_build.txt', Buffer.from('hello\n'.repeat(100)).toString('hex')],
      ['build/1_Set up job.txt', '010203'],
    ]);
    expect(entries[0]!.compressedSize).toBeLessThan(entries[0]!.size);
  });

  it('writes hostile archives: lying sizes, bad crc, huge ratio, many entries, ../ names, nested zip', async () => {
    const lying = await read(
      writeZip([{ name: 'a.txt', data: 'x'.repeat(1000), lie: { uncompressedSize: 10 } }]),
    );
    expect(lying.entries[0]!.size).toBe(10);
    expect(lying.entries[0]!.error).toMatch(/too many bytes|size/i);

    const badCrc = writeZip([{ name: 'a.txt', data: 'abc', lie: { crc32: crc32(Buffer.from('abd')) } }]);
    expect(badCrc.readUInt32LE(14)).toBe(crc32(Buffer.from('abd')));

    const bomb = writeZip([{ name: 'zeros.txt', data: Buffer.alloc(20 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(50 * 1024);
    const { entries: bombEntries } = await read(bomb);
    expect(bombEntries[0]!.size / bombEntries[0]!.compressedSize).toBeGreaterThan(500);

    const many = await read(
      writeZip(
        Array.from({ length: 5000 }, (_, i) => ({ name: `f${i}.txt`, data: '', method: 'store' as const })),
      ),
    );
    expect(many.entries).toHaveLength(5000);

    const traversal = await read(writeZip([{ name: '../../etc/passwd', data: 'x' }]), {
      strictFileNames: false,
      decodeStrings: true,
    }).catch((e: Error) => e);
    // yauzl refuses relative paths while reading the central directory; the writer wrote it as asked.
    expect(String(traversal)).toContain('invalid relative path');

    const inner = writeZip([{ name: 'inner.txt', data: 'deep' }]);
    const nested = await read(writeZip([{ name: 'inner.zip', data: inner, method: 'store' }]));
    expect(nested.entries[0]!.data).toEqual(inner);
  });
});
