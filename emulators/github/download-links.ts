// Short-lived download URLs, like the signed blob URLs GitHub redirects log downloads to.
import { randomBytes } from 'node:crypto';
import type { Reply } from './http-reply.js';

/** How long a download link works (GitHub's log links last about a minute). */
export const DOWNLOAD_LINK_TTL_MS = 60_000;
/** Path prefix of download links on the emulator. */
export const DOWNLOAD_PATH_PREFIX = '/_downloads/';

interface Download {
  bytes: Buffer;
  contentType: string;
  expiresAt: number;
}

/** Issued links and their content. */
export class DownloadLinks {
  readonly #links = new Map<string, Download>();

  constructor(private readonly now: () => Date) {}

  /** A new link path for `bytes`; already expired when `expired` (fault injection). */
  create(bytes: Buffer, contentType: string, expired: boolean): string {
    const token = randomBytes(18).toString('base64url');
    const expiresAt = expired ? this.now().getTime() - 1 : this.now().getTime() + DOWNLOAD_LINK_TTL_MS;
    this.#links.set(token, { bytes, contentType, expiresAt });
    return `${DOWNLOAD_PATH_PREFIX}${token}`;
  }

  /** The download, or 403 once expired (as an expired signed URL answers) / 404 if unknown. */
  serve(path: string): Reply {
    const link = this.#links.get(path.slice(DOWNLOAD_PATH_PREFIX.length));
    if (!link) return { status: 404, raw: Buffer.from('Not Found'), contentType: 'text/plain' };
    if (link.expiresAt <= this.now().getTime()) {
      const xml =
        '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has passed</Message></Error>';
      return { status: 403, raw: Buffer.from(xml), contentType: 'application/xml' };
    }
    return { status: 200, raw: link.bytes, contentType: link.contentType };
  }
}
