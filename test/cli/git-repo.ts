// Builds throwaway git repositories for `scan --git` tests, isolated from the user's git config.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTree } from './harness.js';

/** An environment in which git reads no user or system config. */
export function gitEnv(home: string): Record<string, string | undefined> {
  return { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(home, 'gitconfig') };
}

export interface Author {
  readonly name: string;
  readonly email: string;
  /** ISO 8601 with offset. */
  readonly date: string;
}

/** A temporary repository with helpers to write files and commit them. */
export class TestRepo {
  readonly root = makeTree({});
  readonly env = gitEnv(this.root);

  constructor() {
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, env: this.env, encoding: 'utf8' });
  }

  write(files: Readonly<Record<string, string | Uint8Array>>): void {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.root, path)), { recursive: true });
      writeFileSync(join(this.root, path), content);
    }
  }

  /** Stages everything and commits as `author`; returns the commit id. */
  commit(message: string, author: Author): string {
    this.git('add', '-A');
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
      cwd: this.root,
      env: {
        ...this.env,
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_AUTHOR_DATE: author.date,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
        GIT_COMMITTER_DATE: author.date,
      },
    });
    return this.git('rev-parse', 'HEAD').trim();
  }
}
