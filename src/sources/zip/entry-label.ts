/** Longest entry label shown; the rest is cut with `…`. */
const MAX_LABEL_CHARS = 200;

/**
 * An archive entry's name as a label for people: raw bytes decoded as UTF-8 (bad bytes become
 * U+FFFD), control and format characters shown as `?`, cut to 200 characters. Names are opaque:
 * never validated as or used as paths (nothing is written to disk).
 */
export function entryLabel(raw: Uint8Array): string {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
    .toString('utf8')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '?');
  const chars = [...text];
  return chars.length > MAX_LABEL_CHARS ? `${chars.slice(0, MAX_LABEL_CHARS).join('')}…` : text;
}

/** The job and step an entry of a run's log archive is for. */
export interface EntryJobStep {
  readonly job: string;
  readonly step?: string;
}

/**
 * Reads `build/3_Run tests.txt` as job `build`, step `Run tests`; a top-level `1_build.txt` (the
 * whole log of job `build`) as job `build` with no step.
 */
export function entryJobStep(label: string): EntryJobStep {
  const slash = label.indexOf('/');
  const file = slash === -1 ? label : label.slice(slash + 1);
  const title = file.replace(/\.txt$/i, '').replace(/^\d+_/, '');
  if (slash === -1) return { job: title };
  return { job: label.slice(0, slash), step: title };
}
