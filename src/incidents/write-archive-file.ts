import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes `lines` (JSON lines) to `dir/name` for good: into a temporary file (mode 0600, created,
 * never overwriting), flushed to disk, then renamed into place, so the file is either whole or
 * absent. Creates `dir` (mode 0700) when missing. Throws when any of it fails.
 */
export async function writeArchiveFile(dir: string, name: string, lines: readonly string[]): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, name);
  const temporary = `${path}.partial`;
  const file = await open(temporary, 'wx', 0o600);
  try {
    await file.writeFile(lines.map((line) => `${line}\n`).join(''));
    await file.sync();
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  await file.close();
  await rename(temporary, path);
  return path;
}
