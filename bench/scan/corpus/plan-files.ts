// Decides which files the corpus has: kinds, paths and sizes, until the byte budget is spent.
import { FILE_KINDS, fileKind, type FileKind } from './file-kinds.js';
import type { TextKit } from './text-kit.js';

/** A file to generate. */
export interface PlannedFile {
  readonly kind: FileKind;
  readonly path: string;
  readonly targetBytes: number;
  readonly crlf: boolean;
}

/** Share of the corpus bytes that are logs (CI job logs and application logs). */
const LOG_SHARE = 0.55;
const CI_LOG_SHARE = 0.6;
const BYTES_PER_REPO = 20 * 1024 * 1024;
const MIN_REPOS = 3;
const PATH_ATTEMPTS = 10;

/**
 * Plans files until `totalBytes` is reached. Every kind comes once first (so that even a tiny
 * corpus can hold every form), the first `.env` and CI log with CRLF line breaks.
 */
export function planFiles(kit: TextKit, totalBytes: number): PlannedFile[] {
  const repos = Array.from(
    { length: Math.max(MIN_REPOS, Math.round(totalBytes / BYTES_PER_REPO)) },
    () => `${kit.word()}-${kit.word()}`,
  );
  const sources = FILE_KINDS.filter((k) => !k.isLog);
  const weightSum = sources.reduce((sum, k) => sum + k.weight, 0);
  const used = new Set<string>();
  const files: PlannedFile[] = [];
  let planned = 0;
  let logBytes = 0;

  const add = (kind: FileKind, forceCrlf: boolean) => {
    const remaining = Math.max(kind.minBytes, totalBytes - planned);
    const targetBytes = Math.min(kit.logUniform(kind.minBytes, kind.maxBytes), remaining);
    const path = uniquePath(kit, kind, kit.pick(repos), used);
    files.push({ kind, path, targetBytes, crlf: forceCrlf || kit.chance(kind.crlfShare) });
    planned += targetBytes;
    if (kind.isLog) logBytes += targetBytes;
  };

  for (const kind of FILE_KINDS) add(kind, kind.id === 'env' || kind.id === 'ci-log');
  while (planned < totalBytes) {
    if (logBytes < LOG_SHARE * planned) {
      add(fileKind(kit.chance(CI_LOG_SHARE) ? 'ci-log' : 'app-log'), false);
      continue;
    }
    let roll = kit.int(0, weightSum - 1);
    const kind = sources.find((k) => (roll -= k.weight) < 0) ?? sources[0];
    if (kind) add(kind, false);
  }
  return files;
}

function uniquePath(kit: TextKit, kind: FileKind, repo: string, used: Set<string>): string {
  let path = kind.path(kit, repo);
  for (let i = 0; used.has(path) && i < PATH_ATTEMPTS; i++) path = kind.path(kit, repo);
  // Rare: many small files of one kind in one repo. A numbered folder keeps the name realistic.
  const base = path;
  for (let n = 2; used.has(path); n++) path = base.replace(/([^/]+)$/, `${n}/$1`);
  used.add(path);
  return path;
}
