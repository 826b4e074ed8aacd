import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOW_MARKER, findAllowMarkers } from '../../src/detect/allow-marker.js';
import { utf8 } from '../support/detect-helpers.js';

function naiveMarkers(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(ALLOW_MARKER, from); at >= 0 && at < to; at = text.indexOf(ALLOW_MARKER, at + 1))
    out.push(at);
  return out;
}

// Pieces that look like the marker or its tail, so near misses and overlaps are common.
const piece = fc.constantFrom(
  ALLOW_MARKER,
  'd:allow',
  'guard:allow',
  'rootguard',
  'rootguar',
  'd:',
  'x',
  ' ',
);

describe('findAllowMarkers', () => {
  it('finds exactly the markers that start in [from, to), as a plain search does', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join('');
        const from = a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        expect(findAllowMarkers(utf8(text), from, to)).toEqual(naiveMarkers(text, from, to));
      }),
      { numRuns: 2000 },
    );
  });
});
