import { maskReportText } from './mask-report-text.js';

// Small helpers for markdown built from untrusted text (paths, job names, config messages).

/** `1 file`, `2 files`. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : pluralNoun}`;
}

/** Bytes for people: `512 B`, `1.5 KiB`, `3.2 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

// Control characters (line breaks above all) could end a table row or a list item early.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * `text` as a markdown code span: no formatting, links or mentions inside it. The fence is one
 * backtick longer than the longest run of backticks in the text; control characters become `?`.
 */
export function codeSpan(text: string): string {
  const clean = text.replace(CONTROL, '?');
  const longest = Math.max(0, ...Array.from(clean.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || clean === '' ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A table cell: GitHub ends a cell at any unescaped `|`, even inside a code span. */
export function tableCell(markdown: string): string {
  return markdown.replace(/\|/g, '\\|');
}

/** Plain text outside code spans: characters markdown or HTML would act on are escaped. */
export function escapeText(text: string): string {
  return text.replace(CONTROL, ' ').replace(/[\\`*_[\]<>|~@&]/g, (c) => `\\${c}`);
}

/** The first 7 characters of a commit SHA, as GitHub shows them. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/**
 * A markdown link from `label` (already markdown) and `url`. Whitespace, `(`, `)`, `<` and `>`
 * are percent-encoded so the destination cannot end early or open HTML.
 */
export function markdownLink(label: string, url: string): string {
  const safe = url.replace(
    /[\s()<>]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `[${label}](${safe})`;
}

/** Plain text from outside, escaped as {@link escapeText} does, with key-shaped strings masked first (escaping `_` would hide them from the final mask). */
export function untrustedText(text: string): string {
  return escapeText(maskReportText(text));
}

/**
 * Text the playbook wrote (summaries, instructions), which may quote untrusted names: escaped as
 * {@link untrustedText}, except that its `` `code` `` spans stay code spans (rebuilt with
 * {@link codeSpan}, so nothing inside them can break out).
 */
export function inlineText(text: string): string {
  return text
    .split(/`([^`\n]+)`/)
    .map((part, i) => (i % 2 === 1 ? codeSpan(maskReportText(part)) : untrustedText(part)))
    .join('');
}
