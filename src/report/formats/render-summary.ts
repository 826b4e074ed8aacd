import type { LocalScanResult } from '../../sources/local-scan-result.js';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The one-line summary written to stderr after every scan, whatever the format. */
export function renderSummary(result: LocalScanResult): string {
  const { stats } = result;
  const scope = [
    stats.commits === undefined ? undefined : plural(stats.commits, 'commit'),
    plural(stats.files, stats.commits === undefined ? 'file' : 'file diff'),
    formatBytes(stats.bytes),
    `${Math.round(stats.ms)} ms`,
  ].filter((part) => part !== undefined);
  const notes = [
    stats.skipped > 0 ? `skipped ${stats.skipped} binary or special` : undefined,
    stats.symlinks > 0 ? `${plural(stats.symlinks, 'symlink')} not followed` : undefined,
    stats.suppressed > 0 ? `${stats.suppressed} suppressed` : undefined,
  ].filter((part) => part !== undefined);
  const tail = notes.length > 0 ? `; ${notes.join(', ')}` : '';
  return `rootguard: ${plural(result.findings.length, 'finding')} in ${scope.join(', ')}${tail}\n`;
}
