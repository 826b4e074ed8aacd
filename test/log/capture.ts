import type { DestinationStream } from 'pino';

/** A pino destination that keeps every line written, for assertions. */
export function captureLines(): { destination: DestinationStream; lines: string[] } {
  const lines: string[] = [];
  return { destination: { write: (line: string) => void lines.push(line) }, lines };
}

/** Fails when any line holds the key, or any 8-character piece of it other than the mask's prefix. */
export function expectNoKeyPieces(lines: readonly string[], key: string): void {
  const text = lines.join('');
  // The mask shows the first 8 characters; every other 8-character window must be absent.
  for (let i = 1; i + 8 <= key.length; i++) {
    const piece = key.slice(i, i + 8);
    if (text.includes(piece)) throw new Error(`a log line holds the piece at ${i} of a key`);
  }
}
