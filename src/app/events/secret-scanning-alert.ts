import type { Context } from 'probot';
import type { SecretScanningAlertJob } from '../../queue/scan-job.js';
import { WebhookInputError } from '../errors.js';
import { jobBase } from './job-base.js';

/** The secret type GitHub's partner program gives Unkey root keys. */
export const UNKEY_SECRET_TYPE = 'unkey_root_key';

/**
 * GitHub's own secret scanning found an Unkey root key: the worker reads the alert (its secret is
 * fingerprinted there and never stored). Other secret types are not rootguard's.
 */
export function secretScanningAlertToScanJob(
  deliveryId: string,
  payload: Context<'secret_scanning_alert.created'>['payload'],
): SecretScanningAlertJob | { skip: string } {
  const { secret_type: secretType, number } = payload.alert;
  if (secretType !== UNKEY_SECRET_TYPE) return { skip: `secret type ${secretType ?? 'unknown'}` };
  if (typeof number !== 'number') throw new WebhookInputError('the secret scanning alert has no number.');
  return { kind: 'secret_scanning_alert', ...jobBase(deliveryId, payload), alertNumber: number };
}
