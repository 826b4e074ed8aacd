// page/per_page slicing with a GitHub-style Link header.
import { GitHubHttpError } from './http-reply.js';

/** How an endpoint pages. */
export interface PageLimits {
  defaultPerPage: number;
  maxPerPage: number;
  /** Items past this are never served (e.g. 3000 PR files). */
  maxItems?: number;
}

/** One page of `items`, and the Link header for it. */
export function paginate<T>(
  items: T[],
  query: URLSearchParams,
  url: string,
  limits: PageLimits,
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(
    Number(query.get('per_page') ?? limits.defaultPerPage) || limits.defaultPerPage,
    limits.maxPerPage,
  );
  const pageNumber = Number(query.get('page') ?? 1) || 1;
  if (perPage < 1 || pageNumber < 1) throw new GitHubHttpError(422, 'Invalid pagination parameters');
  const all = limits.maxItems !== undefined ? items.slice(0, limits.maxItems) : items;
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const page = all.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  const link = (n: number, rel: string) => {
    const u = new URL(url);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(n));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const rels: string[] = [];
  if (pageNumber > 1) rels.push(link(pageNumber - 1, 'prev'), link(1, 'first'));
  if (pageNumber < lastPage) rels.push(link(pageNumber + 1, 'next'), link(lastPage, 'last'));
  return { page, headers: rels.length > 0 ? { link: rels.join(', ') } : {} };
}
