import { repoRefOf } from '../../github/github-client.js';
import { repositoryPage } from './github-page.js';
import type { OccurrenceSource } from './occurrence-source.js';
import { repoByIds } from './repo-by-ids.js';

/** GitHub's own secret scanning (partner program) alert for the key. */
export interface AlertLocation {
  readonly kind: 'secret-scanning-alert';
  readonly repo: string;
  readonly alertNumber: number;
  /** The alert's page on GitHub. */
  readonly url?: string;
}

function describeByIds(location: AlertLocation): string {
  return `secret scanning alert ${location.alertNumber} in ${repoByIds(location.repo)}`;
}

/**
 * A secret scanning alert: read again as the alert's secret. No clean-up advice: the alert
 * reports a key seen elsewhere, and those places are occurrences of their own.
 */
export const secretScanningAlertSource = {
  kind: 'secret-scanning-alert',
  identity: (location) => [location.kind, location.repo, location.alertNumber],
  describe(location) {
    const label = `secret scanning alert #${location.alertNumber}`;
    return [location.url === undefined ? label : { label, url: location.url }];
  },
  link(location, { githubUrl, mask }) {
    const page = `${repositoryPage(githubUrl, location.repo)}/security/secret-scanning/${location.alertNumber}`;
    return {
      text: mask(`${location.repo} secret scanning alert #${location.alertNumber}`),
      url: mask(location.url ?? page),
    };
  },
  summary: (location) => `GitHub secret scanning alert #${location.alertNumber}`,
  describeByIds,
  async readAgain(location, { client, findKey }) {
    const { data: alert } = await client.rest.secretScanning.getAlert({
      ...repoRefOf(location.repo),
      alert_number: location.alertNumber,
    });
    const secret = alert.secret;
    // The response object is the last holder of the plaintext besides the Secret: clear it.
    alert.secret = undefined;
    if (typeof secret !== 'string' || secret === '')
      return { reason: `${describeByIds(location)} shows no secret` };
    const key = await findKey(Buffer.from(secret, 'utf8'));
    return key === undefined ? undefined : { key };
  },
} satisfies OccurrenceSource<AlertLocation>;
