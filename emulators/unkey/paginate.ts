// Cursor pagination: items in a stable order, the cursor is the opaque (base64url) sort key
// of the last item served.
import { ERROR_TYPES, UnkeyHttpError } from './unkey-reply.js';

/** One page, and the `pagination` object for it. */
export interface Page<T> {
  page: T[];
  pagination: { cursor?: string; hasMore: boolean };
}

/** The page after `cursor` of `items` (sorted ascending by `sortKey`). */
export function paginate<T>(
  items: readonly T[],
  sortKey: (item: T) => string,
  cursor: string | undefined,
  limit: number,
  /** Return a cursor even on the last page (a forward-only watermark, as audit.getLogs does). */
  watermark = false,
): Page<T> {
  let start = 0;
  if (cursor !== undefined) {
    const after = Buffer.from(cursor, 'base64url').toString('utf8');
    if (after === '' || Buffer.from(after, 'utf8').toString('base64url') !== cursor)
      throw new UnkeyHttpError(400, ERROR_TYPES.invalidInput, 'The cursor is invalid.', [
        { location: 'body.cursor', message: 'not a cursor this API returned' },
      ]);
    start = items.findIndex((item) => sortKey(item) > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + limit);
  const hasMore = start + limit < items.length;
  const last = page.at(-1);
  const next = last !== undefined ? Buffer.from(sortKey(last), 'utf8').toString('base64url') : cursor;
  return {
    page,
    pagination: (hasMore || watermark) && next !== undefined ? { cursor: next, hasMore } : { hasMore },
  };
}
