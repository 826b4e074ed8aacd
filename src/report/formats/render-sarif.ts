import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Invocation, Log, ReportingDescriptor, Result } from 'sarif';
import type { RuleId } from '../../detect/finding.js';
import type { ReportedFinding, LocalScanResult } from '../../sources/local-scan-result.js';
import { STDIN_PATH } from '../../sources/files/scan-stdin.js';
import { helpText, RULE_DOCS } from './rule-docs.js';
import { isSarifCapped, SARIF_MAX_RESULTS, sarifCapMessage } from './sarif-result-cap.js';

/** The schema GitHub code scanning documents for uploads. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Where a reader learns what rootguard looks for (Unkey's root key page, until rootguard has its own). */
export const ROOTGUARD_INFORMATION_URI = 'https://www.unkey.com/docs/security/root-keys';
/** The key under which a finding's key fingerprint lets code scanning follow an alert across runs. */
export const FINGERPRINT_KEY = 'rootguardFingerprint/v1';
/** The base that relative result paths are resolved against: the root of the scanned checkout. */
export const SOURCE_ROOT_ID = '%SRCROOT%';

const RULE_IDS = Object.keys(RULE_DOCS) as RuleId[];

function describeRule(id: RuleId): ReportingDescriptor {
  const doc = RULE_DOCS[id];
  return {
    id,
    name: doc.name,
    shortDescription: { text: doc.shortDescription },
    fullDescription: { text: doc.fullDescription },
    help: { text: helpText(doc.help), markdown: doc.help },
    helpUri: doc.helpUri,
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: ['security', 'secret', 'external/cwe/cwe-798'],
      precision: 'very-high',
      'security-severity': doc.securitySeverity,
    },
  };
}

function artifactLocation(path: string): ArtifactLocation {
  if (path === STDIN_PATH) return { uri: 'stdin' };
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT_ID };
}

function describeResult(finding: ReportedFinding): Result {
  const doc = RULE_DOCS[finding.ruleId];
  const decoded = finding.decodedFrom ? ` (decoded from ${finding.decodedFrom.join(', then ')})` : '';
  const where = 'commit' in finding ? ` in commit ${finding.commit}` : '';
  const result: Result = {
    ruleId: finding.ruleId,
    ruleIndex: RULE_IDS.indexOf(finding.ruleId),
    level: 'error',
    message: { text: `${doc.shortDescription} ${finding.masked} leaked${decoded}${where}.` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(finding.path),
          region: { startLine: finding.line, startColumn: finding.column },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
  };
  if ('commit' in finding) {
    result.properties = { commit: finding.commit, author: finding.author, date: finding.date };
  }
  return result;
}

/** The id of the notification that says the results were capped. */
export const RESULTS_CAPPED_ID = 'results-capped';

/** The run's invocation: it succeeded, and says so when not every finding fits in the run. */
function describeInvocation(total: number): Invocation {
  if (!isSarifCapped(total)) return { executionSuccessful: true };
  return {
    executionSuccessful: true,
    toolExecutionNotifications: [
      {
        descriptor: { id: RESULTS_CAPPED_ID },
        level: 'warning',
        message: { text: `${sarifCapMessage(total)}.` },
      },
    ],
  };
}

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one run, every rule, one result per finding,
 * at most `SARIF_MAX_RESULTS` of them (the first ones; the invocation says when more were found).
 */
export function renderSarif(result: LocalScanResult, version: string): string {
  const total = result.findings.length;
  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rootguard',
            informationUri: ROOTGUARD_INFORMATION_URI,
            semanticVersion: version,
            rules: RULE_IDS.map(describeRule),
          },
        },
        invocations: [describeInvocation(total)],
        columnKind: 'unicodeCodePoints',
        results: result.findings.slice(0, SARIF_MAX_RESULTS).map(describeResult),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
