import type { OccurrenceLocation } from '../../sources/occurrences/occurrence-location.js';
import type { PlacePiece } from '../../sources/occurrences/occurrence-source.js';
import { occurrenceSourceFor } from '../../sources/occurrences/registry.js';
import { codeSpan } from '../markdown/markdown.js';

/**
 * Where a key was seen, as one line of markdown, as its kind describes it: `` `abc1234` `src/a.ts:12` ``
 * for a commit, the job, step and log line for an Actions log, the alert number for a secret
 * scanning alert. Names from GitHub become code spans; a page becomes a link.
 */
export function describeLocation(location: OccurrenceLocation): string {
  return occurrenceSourceFor(location).describe(location).map(pieceMarkdown).join('');
}

/** The same, as plain text for places that do not render markdown (annotation titles). */
export function describeLocationPlain(location: OccurrenceLocation): string {
  return occurrenceSourceFor(location).describe(location).map(piecePlain).join('');
}

function pieceMarkdown(piece: PlacePiece): string {
  if (typeof piece === 'string') return piece;
  if ('code' in piece) return codeSpan(piece.code);
  const url = encodeURI(piece.url).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  return `[${piece.label}](${url})`;
}

function piecePlain(piece: PlacePiece): string {
  if (typeof piece === 'string') return piece;
  return 'code' in piece ? piece.code : piece.label;
}
