import type { ScanResult } from '../../sources/scan-result.js';
import { codeSpan, escapeText, formatBytes, plural } from '../markdown/markdown.js';

const METHOD_LABELS: Readonly<Record<string, string>> = {
  compare: 'the compare API',
  commits: "each commit's file list",
  clone: 'a partial clone',
  'pull-files': "the pull request's files",
  'job-log': "the job's log",
  'run-archive': "the run's log archive",
  alert: 'a secret scanning alert',
};

/** What the scan covered and what it left out on purpose, as two markdown paragraphs. */
export function renderScanScope(target: string, result: ScanResult): string {
  const { stats } = result;
  const method = METHOD_LABELS[result.method] ?? codeSpan(result.method);
  const covered = [
    stats.commits > 0 ? plural(stats.commits, 'commit') : undefined,
    plural(stats.files, 'file'),
    formatBytes(stats.bytes),
  ].filter((part) => part !== undefined);
  const skipped = [
    stats.binarySkipped > 0
      ? `${plural(stats.binarySkipped, 'binary file')} (not read, so not known to be clean)`
      : undefined,
    stats.ignored > 0 ? `${plural(stats.ignored, 'file')} matched by ${codeSpan('paths.ignore')}` : undefined,
    stats.allowed > 0
      ? `${plural(stats.allowed, 'finding')} whose fingerprint the repository lists in ${codeSpan('allow')}`
      : undefined,
  ].filter((part) => part !== undefined);
  const lines = [
    `**${escapeText(target)}**: scanned through ${method}: ${covered.join(', ')}.`,
    '',
    skipped.length > 0 ? `Skipped: ${skipped.join('; ')}.` : 'Nothing was skipped.',
  ];
  if (result.status === 'incomplete')
    lines.push('', '**The scan is incomplete**: see what was not read below.');
  return `${lines.join('\n')}\n`;
}
