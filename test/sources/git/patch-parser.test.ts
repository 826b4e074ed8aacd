import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/sources/git/line-splitter.js';
import { PatchParser, type CommitInfo, type PatchListener } from '../../../src/sources/git/patch-parser.js';

/** Records the parser's events as readable strings. */
function parse(output: string, chunkSize: number): string[] {
  const events: string[] = [];
  let line = '';
  const listener: PatchListener = {
    commit: (info: CommitInfo) => events.push(`commit ${info.commit} ${info.author} ${info.date}`),
    fileDiff: () => events.push('file'),
    newPath: (path) => events.push(`path ${path ?? '(deleted)'}`),
    binary: () => events.push('binary'),
    addedLineStart: (newLine) => {
      line = `+${newLine}:`;
    },
    addedPiece: (piece) => {
      line += piece.toString('utf8');
    },
    addedLineEnd: () => events.push(line),
  };
  const splitter = new LineSplitter(new PatchParser(listener));
  const bytes = Buffer.from(output);
  for (let at = 0; at < bytes.length; at += chunkSize) splitter.write(bytes.subarray(at, at + chunkSize));
  splitter.end();
  return events;
}

const OUTPUT = [
  '\0c1\x002024-01-01T00:00:00Z\0A <a@x>',
  '',
  'diff --git a/f.txt b/f.txt',
  'index 1..2 100644',
  '--- a/f.txt',
  '+++ b/f.txt',
  '@@ -1,0 +1,2 @@',
  '+++ b/not-a-header',
  '+@@ -9 +9 @@',
  '@@ -5 +7 @@',
  '-old',
  '\\ No newline at end of file',
  '+new',
  '\\ No newline at end of file',
  'diff --git a/img.png b/img.png',
  'Binary files /dev/null and b/img.png differ',
  'diff --git a/gone.txt b/gone.txt',
  'deleted file mode 100644',
  '--- a/gone.txt',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-bye',
  '\0c2\x002024-01-02T00:00:00Z\0B <b@x>',
  '',
  'diff --git a/g.txt b/g.txt',
  '+++ b/g.txt',
  '@@ -0,0 +1 @@',
  '+last line without newline',
].join('\n');

describe('PatchParser', () => {
  it('reads commits, files, binary diffs and added lines with their new line numbers', () => {
    const expected = [
      'commit c1 A <a@x> 2024-01-01T00:00:00Z',
      'file',
      'path f.txt',
      '+1:++ b/not-a-header',
      '+2:@@ -9 +9 @@',
      '+7:new',
      'file',
      'binary',
      'file',
      'path (deleted)',
      'commit c2 B <b@x> 2024-01-02T00:00:00Z',
      'file',
      'path g.txt',
      '+1:last line without newline',
    ];
    expect(parse(OUTPUT, 1 << 20)).toEqual(expected);
    // The same events whatever the chunk boundaries.
    for (const size of [1, 2, 3, 7, 64]) expect(parse(OUTPUT, size)).toEqual(expected);
  });
});
