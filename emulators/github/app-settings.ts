// The App's own registration: the permissions and events GitHub granted it and its webhook
// settings (`GET /app`, `GET /app/hook/config`), and the list of its installations.
import { installationObject, INSTALLATION_PERMISSIONS } from './installations.js';
import { ok } from './http-reply.js';
import { paginate } from './paginate.js';
import type { AppSettings } from './emulator-records.js';
import type { Handler } from './emulator-state.js';

/** A new App as app.yml registers it, before anyone set its webhook. */
export function defaultAppSettings(): AppSettings {
  return {
    permissions: { ...INSTALLATION_PERMISSIONS },
    events: [
      'push',
      'pull_request',
      'workflow_job',
      'workflow_run',
      'check_run',
      'check_suite',
      'secret_scanning_alert',
      'issue_comment',
    ],
    webhookUrl: null,
    webhookSecretSet: false,
    insecureSsl: '0',
  };
}

/** Routes by operationId (App JWT). */
export const appSettingsRoutes: Record<string, Handler> = {
  'apps/get-webhook-config-for-app': (ctx) => {
    const { app } = ctx.state;
    return ok({
      content_type: 'json',
      insecure_ssl: app.insecureSsl,
      ...(app.webhookUrl !== null ? { url: app.webhookUrl } : {}),
      // GitHub shows a set secret as asterisks, never the secret.
      ...(app.webhookSecretSet ? { secret: '********' } : {}),
    });
  },
  'apps/list-installations': (ctx) => {
    const all = [...ctx.state.installations.values()]
      .sort((a, b) => a.id - b.id)
      .map((inst) => {
        const object = installationObject(ctx.state, inst);
        // This route's description asks the account to be a Simple User and an Enterprise at once
        // (allOf): the Enterprise's required fields are added, with the account's own values.
        const account = object['account'] as Record<string, unknown>;
        const fields = { name: inst.account.login, slug: inst.account.login.toLowerCase() };
        const dates = { created_at: inst.createdAt, updated_at: inst.createdAt };
        return { ...object, account: { ...account, ...fields, ...dates } };
      });
    const { page, headers } = paginate(all, ctx.query, ctx.url, { defaultPerPage: 30, maxPerPage: 100 });
    return ok(page, headers);
  },
};
