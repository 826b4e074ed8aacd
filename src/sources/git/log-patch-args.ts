// Settings that would change what git prints, pinned so that the parser sees one format.
const PINNED_CONFIG = [
  ['core.quotePath', 'false'],
  ['log.showSignature', 'false'],
  ['diff.relative', 'false'],
  ['color.ui', 'never'],
  // Without it, the first commit's lines would not be shown, so not scanned.
  ['log.showRoot', 'true'],
].flatMap(([key, value]) => ['-c', `${key}=${value}`]);

/**
 * The arguments of `git log -p -U0 --text` whose output `PatchParser` reads: commit headers in
 * `format` (`%x00%H%x00<date>%x00%an <%ae>`), then each file's added lines.
 */
export function logPatchArgs(format: string, range: string, pathspecs: readonly string[] = []): string[] {
  return [
    ...PINNED_CONFIG,
    'log',
    '-p',
    '-U0',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    // Files that .gitattributes marks binary or -diff would show only as "Binary files differ";
    // AddedLinesScanner tells binary content from text itself (a NUL in the added lines).
    '--text',
    '--inter-hunk-context=0',
    '--encoding=UTF-8',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    format,
    // Whatever the range says, it is never read as an option (a range like `--output=x`).
    '--end-of-options',
    range,
    '--',
    ...pathspecs,
  ];
}
