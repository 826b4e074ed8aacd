import { decodeUtf16 } from '../decode-utf16.js';
import { isBinary } from '../is-binary.js';
import { MAX_BLOB_BYTES } from '../limits.js';
import { readCapped } from '../read-capped.js';
import { repoRefOf } from '../../github/github-client.js';
import { encodePath, repositoryPage } from './github-page.js';
import type { OccurrenceSource } from './occurrence-source.js';
import type { PlaceName } from './place-name.js';
import { repoByIds } from './repo-by-ids.js';

/** A line in a file as a commit added it (push, pull request, or history). */
export interface CommitLocation {
  readonly kind: 'commit';
  /** `owner/name`. */
  readonly repo: string;
  readonly commit: string;
  /** Path in the commit's tree. */
  readonly path: string;
  /** 1-based line in the file as of that commit. */
  readonly line: number;
  /** 1-based column (code points). */
  readonly column: number;
  /** `name <email>` of the commit's author, when known. */
  readonly author?: string;
  /** The pull request the commit was scanned for, when it was. */
  readonly pullRequest?: number;
  /** The key was in the file's path, not in a line (`line` and `column` are then 1). */
  readonly keyIn?: 'path';
  /** Names stored with a key masked (the path then no longer opens the file on GitHub). */
  readonly maskedNames?: readonly PlaceName[];
}

const shortSha = (sha: string) => sha.slice(0, 7);

function describeByIds(location: CommitLocation): string {
  const sha = /^[0-9a-f]{7,64}$/i.test(location.commit) ? location.commit.slice(0, 12) : 'the commit';
  return `the file at line ${location.line} of commit ${sha} in ${repoByIds(location.repo)}`;
}

/** A commit's line: read again as the file at that commit; cleaned up by rewriting history. */
export const commitLineSource = {
  kind: 'commit',
  identity(location) {
    // A key in a path is one place per file and commit, whichever line pointed at it.
    if (location.keyIn === 'path')
      return [location.kind, location.repo, location.commit, location.path, 'path'];
    return [location.kind, location.repo, location.commit, location.path, location.line, location.column];
  },
  describe(location) {
    const sha = { code: shortSha(location.commit) };
    if (location.keyIn === 'path') return [sha, ' ', { code: location.path }, ' (the key is in the path)'];
    return [sha, ' ', { code: `${location.path}:${location.line}` }];
  },
  link(location, { githubUrl, mask }) {
    const base = repositoryPage(githubUrl, location.repo);
    // Masked before it is encoded: an encoded key would slip past the final mask.
    const path = encodePath(mask(location.path));
    const pull = location.pullRequest;
    // A path stored masked no longer opens the file: the link opens the commit instead.
    const pathMasked = location.maskedNames?.includes('path') === true;
    const place =
      location.keyIn === 'path'
        ? `${location.path} (the key is in the file's path)`
        : `${location.path}:${location.line}`;
    return {
      text: mask(
        `${location.repo} ${place} in commit ${shortSha(location.commit)}` +
          (pull === undefined ? '' : ` (pull request #${pull})`) +
          (pathMasked ? '; the path is shown masked, so the link opens the commit' : ''),
      ),
      url: pathMasked
        ? `${base}/commit/${encodeURIComponent(location.commit)}`
        : `${base}/blob/${encodeURIComponent(location.commit)}/${path}#L${location.line}`,
      ...(pull === undefined ? {} : { pullRequestUrl: `${base}/pull/${pull}` }),
    };
  },
  summary(location) {
    const pull = location.pullRequest ? ` (pull request #${location.pullRequest})` : '';
    return `${location.path}:${location.line} in commit ${shortSha(location.commit)}${pull}`;
  },
  describeByIds,
  async readAgain(location, { client, findKey }) {
    const response = await client.request('GET /repos/{owner}/{repo}/contents/{path}', {
      ...repoRefOf(location.repo),
      path: location.path,
      ref: location.commit,
      mediaType: { format: 'raw' },
      request: { parseSuccessResponseBody: false },
    });
    const bytes = await readCapped(
      {
        body: response.data as unknown as ReadableStream<Uint8Array> | null,
        declaredLength: response.headers['content-length'],
      },
      MAX_BLOB_BYTES,
    );
    if (bytes === undefined)
      return { reason: `${describeByIds(location)} is larger than ${MAX_BLOB_BYTES} bytes and was not read` };
    // Read as the scan read it: a UTF-16 file decoded.
    const key = await findKey((isBinary(bytes) ? decodeUtf16(bytes) : undefined) ?? bytes);
    return key === undefined ? undefined : { key };
  },
  cleanUpAdvice: 'commit',
} satisfies OccurrenceSource<CommitLocation>;
