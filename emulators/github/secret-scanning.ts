// Secret scanning alerts as GitHub reports them to an App with `secret_scanning_alerts: read`:
// the alert carries the plaintext `secret`, so it is held here only and never logged.
import { isoSeconds, type Obj } from './github-objects.js';
import { notFound, ok } from './http-reply.js';
import { paginate } from './paginate.js';
import type {
  AlertLocationInput,
  SecretScanningAlertInput,
  SecretScanningAlertRecord,
} from './emulator-records.js';
import type { EmulatorState, Handler, RouteContext } from './emulator-state.js';

/** Seeds an alert. */
export function addSecretScanningAlert(
  state: EmulatorState,
  fullName: string,
  input: SecretScanningAlertInput,
): void {
  const repo = state.repo(fullName);
  state.alerts.push({
    ...input,
    repo: `${repo.facts.owner}/${repo.facts.name}`,
    createdAt: isoSeconds(state.now()),
  });
}

function findAlert(ctx: RouteContext): SecretScanningAlertRecord {
  const repo = ctx.state.repoFor(ctx);
  const alert = ctx.state.alerts.find(
    (a) =>
      a.repo === `${repo.facts.owner}/${repo.facts.name}` && a.number === Number(ctx.params['alert_number']),
  );
  if (!alert) throw notFound();
  return alert;
}

function locationObject(state: EmulatorState, repo: string, l: AlertLocationInput) {
  const api = `${state.urls.api}/repos/${repo}`;
  return {
    type: 'commit',
    details: {
      path: l.path,
      start_line: l.startLine,
      end_line: l.endLine ?? l.startLine,
      start_column: l.startColumn,
      end_column: l.endColumn,
      blob_sha: l.blobSha,
      blob_url: `${api}/git/blobs/${l.blobSha}`,
      commit_sha: l.commitSha,
      commit_url: `${api}/git/commits/${l.commitSha}`,
    },
  };
}

/** The fields an alert has both in the REST API and in webhooks (never the secret). */
export function alertObject(state: EmulatorState, alert: SecretScanningAlertRecord): Obj {
  const api = `${state.urls.api}/repos/${alert.repo}/secret-scanning/alerts/${alert.number}`;
  return {
    number: alert.number,
    created_at: alert.createdAt,
    updated_at: null,
    url: api,
    html_url: `${state.urls.html}/${alert.repo}/security/secret-scanning/${alert.number}`,
    locations_url: `${api}/locations`,
    state: 'open',
    resolution: null,
    resolved_at: null,
    resolved_by: null,
    resolution_comment: null,
    secret_type: alert.secretType,
    secret_type_display_name: alert.secretTypeDisplayName ?? alert.secretType,
    push_protection_bypassed: false,
    push_protection_bypassed_by: null,
    push_protection_bypassed_at: null,
  };
}

/** Routes by operationId. */
export const secretScanningRoutes: Record<string, Handler> = {
  'secret-scanning/get-alert': (ctx) => {
    const alert = findAlert(ctx);
    const first = alert.locations[0];
    return ok({
      ...alertObject(ctx.state, alert),
      secret: alert.secret,
      validity: 'unknown',
      publicly_leaked: false,
      multi_repo: false,
      is_base64_encoded: false,
      ...(first ? { first_location_detected: locationObject(ctx.state, alert.repo, first).details } : {}),
      has_more_locations: alert.locations.length > 1,
    });
  },
  'secret-scanning/list-locations-for-alert': (ctx) => {
    const alert = findAlert(ctx);
    const all = alert.locations.map((l) => locationObject(ctx.state, alert.repo, l));
    const { page, headers } = paginate(all, ctx.query, ctx.url, { defaultPerPage: 30, maxPerPage: 100 });
    return ok(page, headers);
  },
};
