// A tiny ZIP writer (stored and deflate entries) for run-log archives, which can also write
// hostile archives: sizes and CRCs that lie, any entry name (`../x`), any number of entries.
import { crc32, deflateRawSync } from 'node:zlib';

/** One archive entry. */
export interface ZipEntry {
  /** Text (written as UTF-8) or raw bytes (names that are not valid UTF-8). */
  name: string | Uint8Array;
  data: Buffer | string;
  /** @defaultValue 'deflate' */
  method?: 'store' | 'deflate';
  /** Values written instead of the true ones (hostile archives). */
  lie?: { compressedSize?: number; uncompressedSize?: number; crc32?: number };
  /** @defaultValue 2026-01-01T00:00:00Z */
  modified?: Date;
}

function dosTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** Builds a ZIP archive in memory. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const method = entry.method ?? 'deflate';
    const body = method === 'deflate' ? deflateRawSync(data) : data;
    const name = typeof entry.name === 'string' ? Buffer.from(entry.name, 'utf8') : Buffer.from(entry.name);
    const crc = entry.lie?.crc32 ?? crc32(data);
    const compressedSize = entry.lie?.compressedSize ?? body.length;
    const size = entry.lie?.uncompressedSize ?? data.length;
    const { time, date } = dosTime(entry.modified ?? new Date('2026-01-01T00:00:00Z'));
    const methodCode = method === 'deflate' ? 8 : 0;
    const flags = 0x0800; // names are UTF-8

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(methodCode, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressedSize >>> 0, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, body);

    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(flags, 8);
    dir.writeUInt16LE(methodCode, 10);
    dir.writeUInt16LE(time, 12);
    dir.writeUInt16LE(date, 14);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(compressedSize >>> 0, 20);
    dir.writeUInt32LE(size >>> 0, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += local.length + name.length + body.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralBytes, end]);
}
