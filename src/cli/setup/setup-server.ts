import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildAppManifest, slugOfAppName } from './app-manifest.js';
import type { CreatedApp } from './exchange-manifest-code.js';
import { isOrgLogin, newAppUrl, type GitHubHost } from './github-host.js';
import { SetupTokens } from './setup-states.js';
import {
  postManifestPage,
  setupDonePage,
  setupErrorPage,
  setupFormPage,
  type SetupPage,
} from './setup-pages.js';
import { normalizeWebhookUrl } from './webhook-url.js';

/** The form's body is three short fields: anything longer is not ours. */
const MAX_FORM_BYTES = 16 * 1024;

/** What the setup server needs; the outside world (GitHub's API, the file) comes in as functions. */
export interface SetupServerOptions {
  readonly host: GitHubHost;
  /** The text of `app.yml`. */
  readonly appYml: string;
  /** What the form starts with. */
  readonly defaults: { readonly name: string; readonly webhookUrl: string; readonly org: string };
  /** The loopback port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Exchanges the code GitHub sent back (`exchangeManifestCode`). */
  readonly exchange: (code: string) => Promise<CreatedApp>;
  /** Refuses (throws) when the env file already holds an App; called before the exchange. */
  readonly checkEnvFile: () => Promise<void>;
  /** Writes the App's variables; returns the path written, for the page. */
  readonly save: (app: CreatedApp) => Promise<string>;
}

/** A running setup page. */
export interface SetupServer {
  /** `http://127.0.0.1:PORT/`: the page to open. */
  readonly url: string;
  /** Settles when an App was created and saved (or its exchange or save failed). */
  readonly created: Promise<{ app: CreatedApp; envPath: string }>;
  close(): Promise<void>;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Sends the page; settles once it is handed to the OS (so closing the server cannot cut it). */
function send(res: ServerResponse, page: SetupPage): Promise<void> {
  const script = page.scriptNonce === undefined ? "'none'" : `'nonce-${page.scriptNonce}'`;
  res.writeHead(page.status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src ${script}; form-action 'self' ${page.formTargets.join(' ')}; frame-ancestors 'none'; base-uri 'none'`,
    // The callback's URL holds the code: no page of ours sends it on as a referrer.
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  return new Promise((resolve) => res.end(page.html, () => resolve()));
}

/**
 * Starts the local setup page on 127.0.0.1: the form (`/`), the post of the manifest to GitHub
 * (`/manifest`) and GitHub's redirect back (`/callback?code=…&state=…`). The form and the
 * redirect each carry a single-use random token (`SetupTokens`); requests naming another host
 * (DNS rebinding) are refused.
 */
export async function startSetupServer(options: SetupServerOptions): Promise<SetupServer> {
  const formTokens = new SetupTokens();
  const states = new SetupTokens();
  let settle!: {
    resolve: (value: { app: CreatedApp; envPath: string }) => void;
    reject: (error: unknown) => void;
  };
  const created = new Promise<{ app: CreatedApp; envPath: string }>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Callers await `created`; a rejection nobody awaited yet must not end the process.
  created.catch(() => undefined);
  let exchanging = false;
  let origin = '';

  const formPage = (error?: string, values = options.defaults): SetupPage =>
    setupFormPage({
      ...values,
      formToken: formTokens.issue(),
      githubWebUrl: options.host.webUrl,
      ...(error === undefined ? {} : { error }),
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (req.headers.host !== new URL(origin).host && req.headers.host !== `localhost:${new URL(origin).port}`)
      return send(res, setupErrorPage(421, 'This page answers only at its own address.'));
    if (req.method === 'GET' && url.pathname === '/') return send(res, formPage());
    if (req.method === 'POST' && url.pathname === '/manifest') {
      const form = await readForm(req);
      if (!form || !formTokens.consume(form.get('form_token')))
        return send(
          res,
          setupErrorPage(403, 'This form was not sent by this setup page (or was sent twice); start again.'),
        );
      const values = {
        name: (form.get('name') ?? '').trim(),
        webhookUrl: (form.get('webhook_url') ?? '').trim(),
        org: (form.get('org') ?? '').trim(),
      };
      if (values.name === '' || values.name.length > 34 || slugOfAppName(values.name) === '')
        return send(
          res,
          formPage('The App name must be 1 to 34 characters, with a letter or digit.', values),
        );
      if (values.org !== '' && !isOrgLogin(values.org))
        return send(res, formPage('The organization must be its login: letters, digits and dashes.', values));
      const webhook = normalizeWebhookUrl(values.webhookUrl);
      if ('problem' in webhook) return send(res, formPage(webhook.problem, values));
      const manifest = buildAppManifest(options.appYml, {
        name: values.name,
        webhookUrl: webhook.url,
        redirectUrl: `${origin}/callback`,
        homepageUrl: `${options.host.webUrl}/apps/${slugOfAppName(values.name)}`,
      });
      const action = newAppUrl(options.host, values.org === '' ? undefined : values.org, states.issue());
      return send(
        res,
        postManifestPage(action, JSON.stringify(manifest), randomBytes(16).toString('base64')),
      );
    }
    if (req.method === 'GET' && url.pathname === '/callback') {
      if (!states.consume(url.searchParams.get('state')))
        return send(
          res,
          setupErrorPage(
            400,
            'GitHub’s answer does not belong to this setup (its state does not match); nothing was saved. Start again.',
          ),
        );
      if (exchanging)
        return send(res, setupErrorPage(409, 'An App is already being saved; see the terminal.'));
      exchanging = true;
      try {
        await options.checkEnvFile();
        const app = await options.exchange(url.searchParams.get('code') ?? '');
        const envPath = await options.save(app);
        await send(res, setupDonePage({ name: app.name, id: app.id, htmlUrl: app.htmlUrl, envPath }));
        settle.resolve({ app, envPath });
      } catch (error) {
        await send(res, setupErrorPage(500, (error as Error).message));
        settle.reject(error);
      }
      return;
    }
    send(res, setupErrorPage(404, 'There is no such page.'));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) void send(res, setupErrorPage(500, (error as Error).message));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    created,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
