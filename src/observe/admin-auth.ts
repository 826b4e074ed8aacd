import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The `WWW-Authenticate` challenge of a refused request: browsers then ask for a password. */
export const ADMIN_CHALLENGE = 'Basic realm="rootguard admin", charset="UTF-8"';

/** The token a request presents: `Authorization: Bearer <token>`, or basic auth's password (any user). */
function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const [scheme, value] = header.split(' ', 2);
  if (value === undefined) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() !== 'basic') return undefined;
  const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether a request carries the admin token. Both sides are hashed first, so the comparison takes
 * the same time whatever the lengths and whichever byte differs (`timingSafeEqual`).
 */
export function hasAdminToken(req: IncomingMessage, token: string): boolean {
  const presented = presentedToken(req);
  const match = timingSafeEqual(digest(presented ?? ''), digest(token));
  return presented !== undefined && match;
}
