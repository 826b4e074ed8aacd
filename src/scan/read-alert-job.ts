import type { SecretScanningAlertJob } from '../queue/scan-job.js';
import type { ScanResult } from '../sources/scan-result.js';
import { readSecretScanningAlert } from '../sources/read-secret-scanning-alert.js';
import { recordFindings } from './record-findings.js';
import { setUpRepoScan } from './repo-scan-setup.js';
import type { ScanDependencies } from './scan-dependencies.js';

/**
 * GitHub's secret scanning found an Unkey root key: the alert's secret is fingerprinted by the
 * source and dropped; each place it names becomes an occurrence.
 */
export async function readAlertJob(deps: ScanDependencies, job: SecretScanningAlertJob): Promise<ScanResult> {
  const client = await deps.auth(job.installationId);
  const repo = { owner: job.owner, repo: job.repo };
  const setup = await setUpRepoScan(client, repo, deps.apiKeyPrefixes);
  const result = await readSecretScanningAlert({
    client,
    detector: setup.detector,
    repo,
    filter: setup.filter,
    alertNumber: job.alertNumber,
  });
  await recordFindings(deps, result.findings, {
    foundBy: 'secret_scanning_alert',
    repoPublic: job.repoPublic,
    deliveryId: job.deliveryId,
    ...(job.receivedAt ? { receivedAt: job.receivedAt } : {}),
  });
  return result;
}
