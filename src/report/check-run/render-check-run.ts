import { occurrenceSourceFor } from '../../sources/occurrences/registry.js';
import type { ScanResult, SourceFinding } from '../../sources/scan-result.js';
import { checkRunTitle, countKeys } from './check-run-title.js';
import {
  ANNOTATION_TITLE_MAX_CHARS,
  GITHUB_TEXT_MAX_CHARS,
  MAX_CHECK_RUN_ANNOTATIONS,
  type CheckRunAnnotation,
  type CheckRunOutput,
} from './check-run-output.js';
import { describeLocationPlain } from './describe-location.js';
import { clipText } from '../markdown/fit-lines.js';
import { keyAdvice, type ExposurePlace } from './key-advice.js';
import { maskReportText } from '../markdown/mask-report-text.js';
import { codeSpan, escapeText, plural } from '../markdown/markdown.js';
import { renderAllowedFindings, type AllowedFinding } from './render-allowed-findings.js';
import { renderFindingsTable, type IncidentsByFingerprint } from './render-findings-table.js';
import { renderScanScope } from './render-scan-scope.js';
import { renderIncompleteReasons } from './render-incomplete-reasons.js';
import { isRootKeyRule, ruleLabel } from '../markdown/rule-label.js';

/** A problem in the repository's `.github/rootguard.yml`: the field and what is wrong with it. */
export interface RepoConfigProblem {
  readonly field: string;
  readonly message: string;
}

/** What {@link renderCheckRunOutput} renders from. */
export interface RenderCheckRunInput {
  readonly result: ScanResult;
  /** What was scanned, for people, e.g. `push to main: 3 commits abc1234..def5678`. */
  readonly target: string;
  /** Problems found in the repository's config; the scan then ran with the defaults. */
  readonly configProblems: readonly RepoConfigProblem[];
  /** Incident ids by key fingerprint, once the findings are recorded. */
  readonly incidents?: IncidentsByFingerprint;
  /**
   * Findings of keys closed as false positives: listed, but not failed on. `result.findings`
   * must not hold them.
   */
  readonly allowed?: readonly AllowedFinding[];
}

/**
 * The check run for a scan. Conclusion: `failure` when any key was found (a root key above all,
 * but a customer's API key in a commit is a live credential too), else `neutral` when the scan
 * could not read everything, else `success`. Every string leaves through {@link maskReportText}.
 */
export function renderCheckRunOutput(input: RenderCheckRunInput): CheckRunOutput {
  const { result } = input;
  const conclusion =
    result.findings.length > 0 ? 'failure' : result.status === 'incomplete' ? 'neutral' : 'success';
  // An annotation must name the file's real path: one whose path holds a key is only listed, masked.
  const annotated = result.findings.filter(
    (f) => f.location.kind === 'commit' && maskReportText(f.location.path) === f.location.path,
  );
  const annotations = annotated.slice(0, MAX_CHECK_RUN_ANNOTATIONS).map(renderAnnotation);
  const text = conclusion === 'failure' ? renderAdvice(result.findings) : undefined;
  const allowed = input.allowed?.length ?? 0;
  const title =
    conclusion === 'success' && allowed > 0
      ? `No leaked keys: ${plural(allowed, 'finding')} allowed as false positives`
      : checkRunTitle(result, input.configProblems.length > 0);
  return {
    conclusion,
    title: maskReportText(title),
    summary: clipText(
      maskReportText(renderSummary(input, annotated.length - annotations.length)),
      GITHUB_TEXT_MAX_CHARS,
    ),
    ...(text === undefined ? {} : { text: clipText(maskReportText(text), GITHUB_TEXT_MAX_CHARS) }),
    annotations,
  };
}

function renderSummary(input: RenderCheckRunInput, annotationsLeftOut: number): string {
  const { result, configProblems, incidents } = input;
  const head = renderScanScope(input.target, result);
  const config = configProblems.length > 0 ? renderConfigProblems(configProblems) : '';
  const next = renderNext(input);
  const allowed = renderAllowedFindings(input.allowed ?? []);
  const leftOut =
    annotationsLeftOut > 0
      ? `\n${plural(annotationsLeftOut, 'finding')} in commits got no annotation: a check run carries at most ${MAX_CHECK_RUN_ANNOTATIONS}.\n`
      : '';
  let room =
    GITHUB_TEXT_MAX_CHARS - head.length - config.length - next.length - leftOut.length - allowed.length;
  // The reasons a scan is incomplete matter as much as the findings, but may not crowd them out.
  const reasons = result.incomplete.length > 0 ? renderIncompleteReasons(result.incomplete, room / 4) : '';
  room -= reasons.length;
  let findings = '';
  if (result.findings.length > 0) {
    const { rootKeys, apiKeys } = countKeys(result);
    const heading = `\n### Findings: ${plural(result.findings.length, 'place')}, ${plural(rootKeys + apiKeys, 'key')}\n\n`;
    findings = heading + renderFindingsTable(result.findings, room - heading.length, incidents).markdown;
  }
  return head + findings + leftOut + allowed + reasons + config + next;
}

function renderConfigProblems(problems: readonly RepoConfigProblem[]): string {
  const items = problems.map((p) => `- ${codeSpan(p.field)}: ${escapeText(p.message)}`);
  return [
    '',
    '### Repository configuration',
    '',
    `${codeSpan('.github/rootguard.yml')} is invalid, so the scan ran with the defaults. Fix these fields:`,
    '',
    ...items,
    '',
  ].join('\n');
}

function renderNext(input: RenderCheckRunInput): string {
  const { result, incidents } = input;
  if (result.findings.length > 0) {
    const ids = [...new Set(result.findings.map((f) => incidents?.get(f.finding.fingerprint)))].filter(
      (id) => id !== undefined,
    );
    const recorded =
      ids.length > 0 ? `Incidents: ${ids.map(codeSpan).join(', ')}.` : 'Each key becomes one incident.';
    return [
      '',
      '### What happens next',
      '',
      `${recorded} Each incident is queued for rootguard's containment playbook (revoke the leaked root key, issue a replacement with the same permissions, update the deployment secrets that held it, read the audit log); until it reports the key revoked, treat the key as live. The key must still be removed from the branch history: see below.`,
      '',
    ].join('\n');
  }
  if (result.status === 'incomplete') {
    return [
      '',
      '### What happens next',
      '',
      'Nothing was found in what was read, but the parts listed above were not scanned. Re-run this check to try again, or scan the commits locally with `rootguard scan --git`.',
      '',
    ].join('\n');
  }
  return '';
}

function renderAdvice(findings: readonly SourceFinding[]): string {
  // Both root key formats get the same advice; a customer's API key gets its own. Each says how
  // to clean up the places where keys of its kind were seen.
  const placesByRule = new Map<'unkey-root-key' | 'unkey-api-key', Set<ExposurePlace>>();
  for (const { finding, location } of findings) {
    const rule = isRootKeyRule(finding.ruleId) ? 'unkey-root-key' : 'unkey-api-key';
    const places = placesByRule.get(rule) ?? new Set<ExposurePlace>();
    const advice = occurrenceSourceFor(location).cleanUpAdvice;
    if (advice !== undefined) places.add(advice);
    placesByRule.set(rule, places);
  }
  const sections = (['unkey-root-key', 'unkey-api-key'] as const).flatMap((rule) => {
    const places = placesByRule.get(rule);
    if (places === undefined) return [];
    const items = keyAdvice(rule, undefined, places).map((line) => `- ${line}`);
    return [[`## What to do about a leaked ${ruleLabel(rule)}`, '', ...items, ''].join('\n')];
  });
  return sections.join('\n');
}

function renderAnnotation({ finding, location }: SourceFinding): CheckRunAnnotation {
  if (location.kind !== 'commit') throw new TypeError('only commit findings have a line to annotate');
  const title = `Leaked ${ruleLabel(finding.ruleId)}: ${finding.masked}`.slice(0, ANNOTATION_TITLE_MAX_CHARS);
  const message = [
    `${finding.masked} (fingerprint ${finding.fingerprint}) was added in ${describeLocationPlain(location)}.`,
    `Treat the key as compromised: ${isRootKeyRule(finding.ruleId) ? 'rootguard has queued its revocation' : 'revoke or reroll it in Unkey'}. Remove it from the branch history and never paste the replacement key anywhere in the repository.`,
  ].join('\n');
  return {
    path: location.path,
    start_line: location.line,
    end_line: location.line,
    annotation_level: 'failure',
    message: maskReportText(message),
    title: maskReportText(title),
  };
}
