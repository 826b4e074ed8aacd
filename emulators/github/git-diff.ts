// The files of a diff between two commits, with GitHub's per-file fields, from one
// `git diff --raw`, one `--numstat` and one patch run (split per file, in the same order).
import type { GitRepo } from './git-repo.js';

/**
 * A file's patch is omitted above this size, as GitHub omits the patch of a file whose diff is
 * "too large" (GitHub does not publish the exact rule; 1 MiB of patch text is our stand-in).
 */
export const MAX_FILE_PATCH_BYTES = 1024 * 1024;
/** ...or above this many patch lines. */
export const MAX_FILE_PATCH_LINES = 20_000;

/** One changed file. */
export interface DiffFile {
  filename: string;
  previousFilename?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  /** Blob sha after the change (before it, for a removed file). */
  sha: string;
  /** Hunks from the first `@@`; undefined for binary files and too large diffs. */
  patch?: string;
  binary: boolean;
}

const STATUS: Record<string, DiffFile['status']> = {
  A: 'added',
  D: 'removed',
  M: 'modified',
  R: 'renamed',
  C: 'copied',
  T: 'changed',
};

/** Files changed from `from` to `to` (commit shas or the empty tree). */
export async function diffFiles(repo: GitRepo, from: string, to: string): Promise<DiffFile[]> {
  const base = ['diff', '-M', '--no-color', '--no-ext-diff', from, to];
  const raw = (await repo.git([...base.slice(0, 1), '--raw', '--no-abbrev', '-z', ...base.slice(1)])).split(
    '\0',
  );
  const numstat = (await repo.git([...base.slice(0, 1), '--numstat', '-z', ...base.slice(1)])).split('\0');
  const patchText = await repo.git([...base, '--full-index']);
  const patches = patchText.split(/^(?=diff --git )/m).filter((p) => p.startsWith('diff --git '));

  const files: DiffFile[] = [];
  for (let i = 0; i < raw.length - 1;) {
    const meta = raw[i++]!.split(' ');
    const code = meta[4]!.charAt(0);
    const oldSha = meta[2]!;
    const newSha = meta[3]!;
    const first = raw[i++]!;
    const second = code === 'R' || code === 'C' ? raw[i++]! : undefined;
    files.push({
      filename: second ?? first,
      ...(second !== undefined ? { previousFilename: first } : {}),
      status: STATUS[code] ?? 'modified',
      additions: 0,
      deletions: 0,
      sha: code === 'D' ? oldSha : newSha,
      binary: false,
    });
  }
  // numstat -z: "add\tdel\tpath\0" or, for a rename, "add\tdel\t\0old\0new\0".
  let fileIndex = 0;
  for (let i = 0; i < numstat.length - 1 && fileIndex < files.length; fileIndex++) {
    const [add, del, path] = numstat[i++]!.split('\t') as [string, string, string];
    if (path === '') i += 2;
    const file = files[fileIndex]!;
    file.binary = add === '-';
    file.additions = file.binary ? 0 : Number(add);
    file.deletions = file.binary ? 0 : Number(del);
  }
  files.forEach((file, index) => {
    const chunk = patches[index];
    if (file.binary || chunk === undefined) return;
    const at = chunk.search(/^@@/m);
    if (at < 0) return;
    const patch = chunk.slice(at).replace(/\n$/, '');
    const tooLarge =
      Buffer.byteLength(patch) > MAX_FILE_PATCH_BYTES ||
      file.additions + file.deletions > MAX_FILE_PATCH_LINES;
    if (!tooLarge) file.patch = patch;
  });
  return files;
}

/** The new-side and old-side line numbers that a patch touches or shows as context. */
export function linesInPatch(patch: string): { right: Set<number>; left: Set<number> } {
  const right = new Set<number>();
  const left = new Set<number>();
  let oldLine = 0;
  let newLine = 0;
  for (const line of patch.split('\n')) {
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      continue;
    }
    if (line.startsWith('+')) right.add(newLine++);
    else if (line.startsWith('-')) left.add(oldLine++);
    else if (line.startsWith('\\')) continue;
    else {
      right.add(newLine++);
      left.add(oldLine++);
    }
  }
  return { right, left };
}
