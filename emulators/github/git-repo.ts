// A bare git repository in a temp dir: commits are written with `git fast-import` (one process
// for any number of commits) and every diff, patch and SHA the emulator serves comes from git.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The empty tree's id: the "parent" of a root commit when diffing. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
/** Largest git output the emulator reads in one call. */
export const MAX_GIT_OUTPUT_BYTES = 512 * 1024 * 1024;

/** File changes of one commit: text or bytes to write, null to delete. */
export type FileChanges = Record<string, string | Buffer | null>;

/** Who and when, for a commit. */
export interface CommitOptions {
  message?: string;
  author?: { name: string; email: string };
  /** @defaultValue the emulator clock */
  date?: Date;
  /** Build on this commit instead of the branch tip (to rewrite history before a force move). */
  parent?: string | null;
}

/** One commit's metadata as read from `git log`. */
export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  message: string;
}

const LOG_FORMAT = '%H%x00%T%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B%x1e';

function isoZ(date: string): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Wraps one bare repository. */
export class GitRepo {
  constructor(readonly path: string) {}

  async init(defaultBranch: string): Promise<void> {
    await run('git', ['init', '--bare', '-q', `--initial-branch=${defaultBranch}`, this.path]);
  }

  /** Runs git in the repository; text output (paths unquoted). */
  async git(args: string[]): Promise<string> {
    const { stdout } = await run('git', ['-c', 'core.quotepath=off', ...args], {
      cwd: this.path,
      maxBuffer: MAX_GIT_OUTPUT_BYTES,
      encoding: 'utf8',
    });
    return stdout;
  }

  async gitBuffer(args: string[]): Promise<Buffer> {
    const { stdout } = await run('git', args, {
      cwd: this.path,
      maxBuffer: MAX_GIT_OUTPUT_BYTES,
      encoding: 'buffer',
    });
    return stdout;
  }

  /** Resolves a branch, tag or sha to a commit sha; undefined when it does not exist. */
  async resolve(ref: string): Promise<string | undefined> {
    try {
      return (await this.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  async setBranch(branch: string, sha: string): Promise<void> {
    await this.git(['update-ref', `refs/heads/${branch}`, sha]);
  }

  async deleteBranch(branch: string): Promise<void> {
    await this.git(['update-ref', '-d', `refs/heads/${branch}`]);
  }

  /** Writes commits on top of each other and moves `branch` to the last; returns their shas. */
  async commitSeries(
    branch: string,
    series: { files: FileChanges; options: CommitOptions }[],
    now: Date,
  ): Promise<string[]> {
    if (series.length === 0) return [];
    const first = series[0]!.options;
    const start =
      first.parent !== undefined ? first.parent : ((await this.resolve(`refs/heads/${branch}`)) ?? null);
    const tempRef = `refs/emulator/import-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const chunks: Buffer[] = [];
    const text = (s: string) => chunks.push(Buffer.from(s, 'utf8'));
    series.forEach(({ files, options }, i) => {
      const author = options.author ?? { name: 'Emulator', email: 'emulator@example.com' };
      const when = `${Math.floor((options.date ?? now).getTime() / 1000)} +0000`;
      const message = Buffer.from(options.message ?? `commit ${i + 1}`, 'utf8');
      text(`commit ${tempRef}\nmark :${i + 1}\n`);
      text(
        `author ${author.name} <${author.email}> ${when}\ncommitter ${author.name} <${author.email}> ${when}\n`,
      );
      text(`data ${message.length}\n`);
      chunks.push(message);
      text('\n');
      if (i === 0 && start) text(`from ${start}\n`);
      if (i > 0) text(`from :${i}\n`);
      for (const [path, content] of Object.entries(files)) {
        if (content === null) {
          text(`D ${path}\n`);
          continue;
        }
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        text(`M 100644 inline ${path}\ndata ${bytes.length}\n`);
        chunks.push(bytes);
        text('\n');
      }
    });
    await this.fastImport(Buffer.concat(chunks));
    const shas = (await this.git(['rev-list', '--reverse', `--max-count=${series.length}`, tempRef]))
      .trim()
      .split('\n');
    await this.setBranch(branch, shas[shas.length - 1]!);
    await this.git(['update-ref', '-d', tempRef]);
    return shas;
  }

  private fastImport(input: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn('git', ['fast-import', '--quiet', '--force'], {
        cwd: this.path,
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`git fast-import failed: ${stderr}`)),
      );
      child.stdin.end(input);
    });
  }

  /** Metadata of commits listed by `git log` arguments (e.g. a range, `--no-walk sha`). */
  async log(args: string[]): Promise<CommitInfo[]> {
    const out = await this.git(['log', `--format=${LOG_FORMAT}`, ...args]);
    return out
      .split('\x1e')
      .map((record) => record.replace(/^\n/, ''))
      .filter((record) => record.length > 0)
      .map((record) => {
        const [sha, tree, parents, an, ae, ad, cn, ce, cd, message] = record.split('\x00') as string[];
        return {
          sha: sha!,
          tree: tree!,
          parents: parents ? parents.split(' ') : [],
          author: { name: an!, email: ae!, date: isoZ(ad!) },
          committer: { name: cn!, email: ce!, date: isoZ(cd!) },
          message: message!.replace(/\n$/, ''),
        };
      });
  }

  /** Bytes of a blob, or undefined when absent. */
  async blob(sha: string): Promise<Buffer | undefined> {
    try {
      return await this.gitBuffer(['cat-file', 'blob', sha]);
    } catch {
      return undefined;
    }
  }

  /** The blob sha of `path` at `commit`, or undefined. */
  async blobAt(commit: string, path: string): Promise<string | undefined> {
    try {
      const out = (await this.git(['ls-tree', commit, '--', path])).trim();
      const m = /^\d+ blob ([0-9a-f]{40})\t/.exec(out);
      return m?.[1];
    } catch {
      return undefined;
    }
  }
}
