import { SourceError } from '../errors.js';
import * as shared from '../git/stream-git.js';
import { CliError, describeSystemError } from '../../cli/errors.js';

export { firstLine, MAX_GIT_STDERR_CHARS, type GitCommand, type GitExit } from '../git/stream-git.js';

/** `streamGit` of src/sources/git, with a git that cannot be started reported as a `CliError`. */
export async function streamGit(
  command: shared.GitCommand,
  onStdout: (chunk: Buffer) => void,
): Promise<shared.GitExit> {
  try {
    return await shared.streamGit(command, onStdout);
  } catch (error) {
    if (error instanceof SourceError)
      throw new CliError('git-failed', `cannot run git: ${describeSystemError(error.cause)}`);
    throw error;
  }
}

/** Runs a git command with a small output and returns its exit and standard output. */
export async function runGit(command: shared.GitCommand): Promise<shared.GitExit & { stdout: string }> {
  const chunks: Buffer[] = [];
  const exit = await streamGit(command, (chunk) => chunks.push(chunk));
  return { ...exit, stdout: Buffer.concat(chunks).toString('utf8') };
}
