import { scanBytes } from '../detect/scan-bytes.js';
import { Secret } from '../detect/secret.js';
import type { Finding } from '../detect/finding.js';
import { ScanCollector } from './scan-collector.js';
import type { ScanResult } from './scan-result.js';
import { repoName, type SourceOptions } from './source-options.js';

/** A secret scanning alert to turn into findings. */
export interface ReadSecretScanningAlertOptions extends SourceOptions {
  readonly alertNumber: number;
}

/** What the detector makes of the alert's secret: the plaintext is held only inside this call. */
function recognise(
  options: ReadSecretScanningAlertOptions,
  plaintext: string | null | undefined,
): Finding | undefined {
  if (typeof plaintext !== 'string' || plaintext === '') return undefined;
  const secret = new Secret(plaintext);
  return scanBytes(options.detector, Buffer.from(secret.reveal(), 'utf8'), 'secret-scanning-alert')[0];
}

/**
 * Turns GitHub's own secret scanning alert into findings. The alert's plaintext secret goes
 * straight through the detector (for its rule, fingerprint and mask) and is dropped; then one
 * finding per commit location of the alert, or one for the alert itself when it has none. A secret
 * the detector does not take for an Unkey key gives no findings and `alert-not-recognised`.
 */
export async function readSecretScanningAlert(options: ReadSecretScanningAlertOptions): Promise<ScanResult> {
  const { owner, repo } = options.repo;
  const collector = new ScanCollector(options.filter);
  const { data: alert } = await options.client.rest.secretScanning.getAlert({
    owner,
    repo,
    alert_number: options.alertNumber,
  });
  const found = recognise(options, alert.secret);
  // The response object is the last holder of the plaintext: clear it.
  alert.secret = undefined;
  if (found === undefined) {
    collector.incomplete(
      'alert-not-recognised',
      `secret scanning alert ${options.alertNumber} does not hold a key rootguard recognises`,
    );
    return collector.result('alert');
  }
  const exposedAt = alert.created_at ?? new Date().toISOString();
  const locations = await options.client.paginate(options.client.rest.secretScanning.listLocationsForAlert, {
    owner,
    repo,
    alert_number: options.alertNumber,
    per_page: 100,
  });
  for (const location of locations) {
    if (location.type !== 'commit' || location.details === undefined || !('commit_sha' in location.details))
      continue;
    const details = location.details;
    collector.stats.commits++;
    if (collector.ignores(details.path)) continue;
    const finding = {
      ...found,
      path: details.path,
      line: details.start_line,
      column: Math.max(1, details.start_column),
    };
    collector.add({
      finding,
      location: {
        kind: 'commit',
        repo: repoName(options.repo),
        commit: details.commit_sha,
        path: details.path,
        line: finding.line,
        column: finding.column,
      },
      exposedAt,
    });
  }
  if (collector.stats.commits === 0) {
    collector.add({
      finding: found,
      location: {
        kind: 'secret-scanning-alert',
        repo: repoName(options.repo),
        alertNumber: options.alertNumber,
        ...(alert.html_url ? { url: alert.html_url } : {}),
      },
      exposedAt,
    });
  }
  return collector.result('alert');
}
