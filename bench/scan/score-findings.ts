// Scores the CLI's findings against the corpus manifest: precision and recall for root keys (a
// finding counts when path, line and fingerprint match a planted key), per form, and the findings
// that land on near-miss lines, per category.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { CorpusManifest, KeyEntry } from './corpus/manifest.js';

/** The fields of a finding the score needs, as the CLI's JSON output carries them. */
export interface ReportedFinding {
  readonly ruleId: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly fingerprint: string;
  readonly masked?: string;
}

export interface FormScore {
  readonly form: string;
  readonly format: string;
  readonly probe: boolean;
  readonly planted: number;
  readonly found: number;
}

export interface ScanScore {
  readonly truePositives: number;
  /** Findings that match no planted key (including ones on near-miss lines and repeats). */
  readonly falsePositives: number;
  /** Second and later findings for one planted key. */
  readonly duplicates: number;
  readonly precision: number;
  readonly recall: number;
  readonly perForm: readonly FormScore[];
  /** Findings on near-miss lines, for every near-miss category (0 where none). */
  readonly nearMissHits: ReadonlyMap<string, number>;
  /** Findings on lines where nothing was planted. */
  readonly elsewhere: readonly ReportedFinding[];
  /** Matched findings whose column differs from the manifest's. */
  readonly columnMismatches: readonly { form: string; expected: number; got: number }[];
}

const ROOT_KEY_RULES = new Set(['unkey-root-key', 'unkey-root-key-v1']);

/** Scores `findings`; `corpusRoot` and `cwd` turn the CLI's paths into manifest paths. */
export function scoreFindings(
  manifest: CorpusManifest,
  findings: readonly ReportedFinding[],
  corpusRoot: string,
  cwd: string,
): ScanScore {
  const keys = new Map(manifest.keys.map((k) => [`${k.path}\n${k.line}\n${k.fingerprint}`, k]));
  const nearMissLines = new Map(manifest.nearMisses.map((n) => [`${n.path}\n${n.line}`, n.category]));
  const categories = [...new Set(manifest.nearMisses.map((n) => n.category))].sort();
  const nearMissHits = new Map(categories.map((category) => [category, 0]));
  const matched = new Set<KeyEntry>();
  const elsewhere: ReportedFinding[] = [];
  const columnMismatches: { form: string; expected: number; got: number }[] = [];
  let falsePositives = 0;
  let duplicates = 0;

  for (const finding of findings.filter((f) => ROOT_KEY_RULES.has(f.ruleId))) {
    const path = manifestPath(finding.path, corpusRoot, cwd);
    const key = keys.get(`${path}\n${finding.line}\n${finding.fingerprint}`);
    if (key && !matched.has(key)) {
      matched.add(key);
      if (finding.column !== key.column)
        columnMismatches.push({ form: key.form, expected: key.column, got: finding.column });
      continue;
    }
    if (key?.probe) continue;
    falsePositives++;
    if (key) duplicates++;
    const category = nearMissLines.get(`${path}\n${finding.line}`);
    if (category !== undefined) nearMissHits.set(category, (nearMissHits.get(category) ?? 0) + 1);
    else if (!key) elsewhere.push(finding);
  }

  const counted = manifest.keys.filter((k) => !k.probe);
  const truePositives = counted.filter((k) => matched.has(k)).length;
  return {
    truePositives,
    falsePositives,
    duplicates,
    precision: truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives),
    recall: counted.length === 0 ? 0 : truePositives / counted.length,
    perForm: perForm(manifest.keys, matched),
    nearMissHits,
    elsewhere,
    columnMismatches,
  };
}

function perForm(keys: readonly KeyEntry[], matched: ReadonlySet<KeyEntry>): FormScore[] {
  const scores = new Map<
    string,
    { form: string; format: string; probe: boolean; planted: number; found: number }
  >();
  for (const key of keys) {
    const id = `${key.form}/${key.format}`;
    const score = scores.get(id) ?? {
      form: key.form,
      format: key.format,
      probe: key.probe,
      planted: 0,
      found: 0,
    };
    score.planted++;
    if (matched.has(key)) score.found++;
    scores.set(id, score);
  }
  return [...scores.values()].sort(
    (a, b) => a.form.localeCompare(b.form) || a.format.localeCompare(b.format),
  );
}

/** The manifest path (relative to the corpus root, `/`-separated) of a path the CLI printed. */
function manifestPath(path: string, corpusRoot: string, cwd: string): string {
  const fromRoot = relative(corpusRoot, isAbsolute(path) ? path : resolve(cwd, path));
  const inside = !fromRoot.startsWith('..') && !isAbsolute(fromRoot);
  return (inside ? fromRoot : path).split(sep).join('/');
}

/** What the benchmark reads from the CLI's JSON output. */
export interface ScanReport {
  readonly findings: ReportedFinding[];
  /** Files and bytes the CLI says it scanned (its `stats`), when it says so. */
  readonly files?: number;
  readonly bytes?: number;
}

/** The CLI's JSON output: an array of findings, or an object with `findings` (and `stats`). */
export function parseScanReport(json: string): ScanReport {
  const parsed: unknown = JSON.parse(json);
  if (Array.isArray(parsed)) return { findings: parsed as ReportedFinding[] };
  const report = parsed as { findings?: unknown; stats?: { files?: unknown; bytes?: unknown } } | null;
  if (!Array.isArray(report?.findings)) throw new Error('the JSON output holds no findings array');
  const { files, bytes } = report.stats ?? {};
  return {
    findings: report.findings as ReportedFinding[],
    ...(typeof files === 'number' ? { files } : {}),
    ...(typeof bytes === 'number' ? { bytes } : {}),
  };
}
