import type { ScanResult } from '../../sources/scan-result.js';
import { plural } from '../markdown/markdown.js';
import { isRootKeyRule } from '../markdown/rule-label.js';

const DIFF_METHODS = new Set(['compare', 'commits', 'clone', 'pull-files']);

/** Distinct keys (by fingerprint) among the findings: root keys and API keys apart. */
export function countKeys(result: ScanResult): { rootKeys: number; apiKeys: number } {
  const root = new Set<string>();
  const api = new Set<string>();
  for (const { finding } of result.findings) {
    (isRootKeyRule(finding.ruleId) ? root : api).add(finding.fingerprint);
  }
  return { rootKeys: root.size, apiKeys: api.size };
}

/** The check run's title: the verdict in a few words. */
export function checkRunTitle(result: ScanResult, configInvalid: boolean): string {
  const { rootKeys, apiKeys } = countKeys(result);
  const incomplete = result.status === 'incomplete';
  if (rootKeys + apiKeys > 0) {
    const keys = [
      rootKeys > 0 ? plural(rootKeys, 'leaked Unkey root key') : undefined,
      apiKeys > 0 ? plural(apiKeys, rootKeys > 0 ? 'Unkey API key' : 'leaked Unkey API key') : undefined,
    ].filter((part) => part !== undefined);
    return `${keys.join(' and ')}${incomplete ? ' (scan incomplete)' : ''}`;
  }
  if (incomplete) {
    const reasons = result.incomplete;
    const perFile = reasons.length > 0 && DIFF_METHODS.has(result.method) && reasons.every((r) => r.subject);
    return perFile
      ? `Incomplete scan: ${plural(new Set(reasons.map((r) => r.subject)).size, 'file')} not read`
      : `Incomplete scan: ${plural(Math.max(1, reasons.length), 'limit')} hit`;
  }
  return `No Unkey keys found${configInvalid ? ' (invalid .github/rootguard.yml)' : ''}`;
}
