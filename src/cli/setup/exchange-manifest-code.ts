import { ProbotOctokit } from 'probot';
import { ConfigSecret } from '../../config/config-secret.js';
import { CliError } from '../errors.js';

/** The App GitHub created, with the credentials the conversion hands out once. */
export interface CreatedApp {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  /** The App's page on GitHub (`…/apps/<slug>`); `/installations/new` below it installs it. */
  readonly htmlUrl: string;
  readonly clientId: string;
  readonly clientSecret: ConfigSecret;
  readonly webhookSecret: ConfigSecret;
  /** PEM text. */
  readonly privateKey: ConfigSecret;
}

/** A code as GitHub hands them out (it goes into a URL path). */
const CODE = /^[A-Za-z0-9_-]{1,200}$/;

interface ConversionAnswer {
  id: number;
  slug?: string;
  name: string;
  html_url: string;
  client_id: string;
  client_secret: string;
  webhook_secret: string | null;
  pem: string;
}

/**
 * Exchanges the manifest flow's `code` for the new App's id, slug and credentials
 * (`POST /app-manifests/{code}/conversions`, no authentication: the code is one). Not retried:
 * a code works once, so a retry after a lost answer could only fail.
 */
export async function exchangeManifestCode(
  code: string,
  options: { apiUrl: string; fetch?: typeof globalThis.fetch },
): Promise<CreatedApp> {
  if (!CODE.test(code))
    throw new CliError(
      'setup-failed',
      'GitHub sent back a code of an unexpected shape; start the setup again.',
    );
  const octokit = new ProbotOctokit({
    baseUrl: options.apiUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
  });
  let data: ConversionAnswer;
  try {
    ({ data } = (await octokit.request('POST /app-manifests/{code}/conversions', { code })) as {
      data: ConversionAnswer;
    });
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw new CliError(
      'setup-failed',
      status === 404
        ? 'GitHub did not accept the code (it works once, for an hour); start the setup again.'
        : `GitHub did not create the App's credentials (${status === undefined ? 'no answer' : `status ${status}`}); start the setup again.`,
      { cause: error },
    );
  }
  if (data.webhook_secret === null || data.webhook_secret === '')
    throw new CliError(
      'setup-failed',
      'GitHub created the App without a webhook secret; set one in its settings and write WEBHOOK_SECRET yourself.',
    );
  return {
    id: data.id,
    slug: data.slug ?? '',
    name: data.name,
    htmlUrl: data.html_url,
    clientId: data.client_id,
    clientSecret: new ConfigSecret(data.client_secret),
    webhookSecret: new ConfigSecret(data.webhook_secret),
    privateKey: new ConfigSecret(data.pem),
  };
}
