import { resolve } from 'node:path';
import type { TextSink } from '../cli-io.js';
import { buildAppManifest, readAppYml } from './app-manifest.js';
import { refuseExistingApp, writeAppEnv } from './app-env-file.js';
import { exchangeManifestCode, type CreatedApp } from './exchange-manifest-code.js';
import { isGitHubCom, resolveGitHubHost } from './github-host.js';
import { startSetupServer, type SetupServer } from './setup-server.js';

/** `rootguard setup`'s settings (its options). */
export interface SetupOptions {
  /** The env file to write, relative to `cwd`. @defaultValue `.env` */
  readonly envFile: string;
  /** Replace an App the env file already configures. @defaultValue false */
  readonly force: boolean;
  /** @defaultValue `https://github.com` */
  readonly githubUrl?: string;
  /** @defaultValue `https://api.github.com`, or `<githubUrl>/api/v3` for GitHub Enterprise Server */
  readonly githubApiUrl?: string;
  /** The form's App name. @defaultValue `app.yml`'s `name` */
  readonly name?: string;
  /** The form's webhook URL. @defaultValue `WEBHOOK_PROXY_URL` from the environment, or empty */
  readonly webhookUrl?: string;
  /** The form's organization. @defaultValue empty: the user's own account */
  readonly org?: string;
  /** The setup page's loopback port; 0 picks a free one. @defaultValue 3000 */
  readonly port: number;
}

/** What `runSetup` touches, injectable for tests. */
export interface SetupWorld {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stderr: TextSink;
  /** Told the page's address once it listens (tests drive a browser there). */
  readonly onListening?: (url: string) => void;
  /** @defaultValue `exchangeManifestCode` */
  readonly exchange?: typeof exchangeManifestCode;
  /** @defaultValue rootguard's `app.yml` */
  readonly appYml?: string;
}

/** The variables written for the App: never printed, only named. */
function appVariables(app: CreatedApp, apiUrl: string | undefined): Record<string, string> {
  return {
    APP_ID: String(app.id),
    PRIVATE_KEY: app.privateKey.reveal().trim(),
    WEBHOOK_SECRET: app.webhookSecret.reveal(),
    ...(app.slug === '' ? {} : { ROOTGUARD_APP_SLUG: app.slug }),
    GITHUB_CLIENT_ID: app.clientId,
    GITHUB_CLIENT_SECRET: app.clientSecret.reveal(),
    ...(apiUrl === undefined ? {} : { GITHUB_API_URL: apiUrl }),
  };
}

/**
 * GitHub's App manifest flow from a local page: refuses early when the env file already holds
 * an App (unless `force`), serves the page until GitHub redirects back with a code this setup
 * asked for, exchanges it and writes the App's variables (mode 0600). Prints where to go and
 * what was written, never a secret.
 */
export async function runSetup(options: SetupOptions, world: SetupWorld): Promise<CreatedApp> {
  const host = resolveGitHubHost({
    ...(options.githubUrl === undefined ? {} : { githubUrl: options.githubUrl }),
    ...(options.githubApiUrl === undefined ? {} : { githubApiUrl: options.githubApiUrl }),
  });
  const envPath = resolve(world.cwd, options.envFile);
  await refuseExistingApp(envPath, options.force);
  const appYml = world.appYml ?? readAppYml();
  // A broken app.yml stops here, not after the user has gone to GitHub.
  const probe = buildAppManifest(appYml, {
    webhookUrl: 'https://placeholder.invalid/',
    redirectUrl: 'https://placeholder.invalid/',
    homepageUrl: 'https://placeholder.invalid/',
  });
  const exchange = world.exchange ?? exchangeManifestCode;
  const server: SetupServer = await startSetupServer({
    host,
    appYml,
    port: options.port,
    defaults: {
      name: options.name ?? probe.name,
      webhookUrl: options.webhookUrl ?? world.env['WEBHOOK_PROXY_URL'] ?? '',
      org: options.org ?? '',
    },
    exchange: (code) => exchange(code, { apiUrl: host.apiUrl }),
    checkEnvFile: () => refuseExistingApp(envPath, options.force),
    save: async (app) => {
      const heading = `The GitHub App ${app.name} (${app.htmlUrl}), written by rootguard setup on ${new Date().toISOString()}.`;
      await writeAppEnv(envPath, appVariables(app, isGitHubCom(host) ? undefined : host.apiUrl), heading, {
        force: options.force,
      });
      return envPath;
    },
  });
  world.stderr.write(
    `rootguard: open ${server.url} in a browser on this computer to register the GitHub App on ${host.webUrl} (Ctrl-C to stop)\n`,
  );
  world.onListening?.(server.url);
  try {
    const { app } = await server.created;
    world.stderr.write(
      `rootguard: created the GitHub App ${app.name} (id ${app.id}); wrote APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, ROOTGUARD_APP_SLUG, GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET to ${envPath} (mode 0600)\n` +
        `rootguard: install it on the repositories to watch: ${app.htmlUrl}/installations/new\n`,
    );
    return app;
  } finally {
    await server.close();
  }
}
