// github.com's pages of the App manifest flow: the form post of a manifest to
// `/settings/apps/new` (or `/organizations/{org}/settings/apps/new`) shows the "Create GitHub App"
// page; its button creates the App and redirects to `redirect_url?code=…&state=…`, as GitHub does.
import { randomBytes } from 'node:crypto';
import { appNameTaken, createAppFromManifest, parseAppManifest } from './app-manifests.js';
import type { EmulatorState } from './emulator-state.js';
import type { Reply } from './http-reply.js';

const PAGE = /^\/(?:organizations\/([A-Za-z0-9-]{1,39})\/)?settings\/apps\/new(\/create)?$/;

/** Whether `path` is one of the manifest flow's pages (served as HTML, outside the REST API). */
export function isManifestPage(path: string): boolean {
  return PAGE.test(path);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// No favicon request (`data:,`): a browser's GET /favicon.ico would be a route the API lacks.
function html(status: number, title: string, body: string): Reply {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return { status, raw: Buffer.from(page), contentType: 'text/html; charset=utf-8' };
}

function problemsPage(problems: readonly string[]): Reply {
  const items = problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
  return html(422, 'Invalid GitHub App manifest', `<ul id="problems">${items}</ul>`);
}

/** The page GitHub shows for a valid manifest: what the App asks for, its name, and the button. */
function confirmPage(state: EmulatorState, id: string, error?: string): Reply {
  const pending = state.pendingManifests.get(id)!;
  const { manifest } = pending;
  const permissions = Object.entries(manifest.defaultPermissions)
    .map(([name, level]) => `<li>${escapeHtml(name)}: ${level}</li>`)
    .join('');
  const events = manifest.defaultEvents.map((e) => `<li>${escapeHtml(e)}</li>`).join('');
  const action =
    pending.org === undefined
      ? '/settings/apps/new/create'
      : `/organizations/${pending.org}/settings/apps/new/create`;
  return html(
    200,
    'Create GitHub App',
    `${error === undefined ? '' : `<p id="error" role="alert">${escapeHtml(error)}</p>`}
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="pending" value="${id}">
<label>GitHub App name <input id="app-name" name="name" value="${escapeHtml(manifest.name)}"></label>
<p>Webhook URL: <code id="hook-url">${escapeHtml(manifest.hookUrl ?? '')}</code></p>
<ul id="permissions">${permissions}</ul><ul id="events">${events}</ul>
<button type="submit">Create GitHub App</button>
</form>`,
  );
}

/** Serves one request to a manifest page. */
export function serveManifestPage(state: EmulatorState, method: string, url: URL, body: Buffer): Reply {
  const [, org, create] = PAGE.exec(url.pathname)!;
  if (method !== 'POST')
    return html(400, 'Register new GitHub App', '<p>Post a manifest to this page (the manifest flow).</p>');
  const form = new URLSearchParams(body.toString('utf8'));
  if (create === undefined) {
    const parsed = parseAppManifest(form.get('manifest') ?? '');
    if ('problems' in parsed) return problemsPage(parsed.problems);
    const id = randomBytes(12).toString('hex');
    state.pendingManifests.set(id, {
      manifest: parsed,
      state: url.searchParams.get('state') ?? undefined,
      org,
    });
    return confirmPage(state, id);
  }
  const id = form.get('pending') ?? '';
  const pending = state.pendingManifests.get(id);
  if (!pending)
    return html(404, 'Not Found', '<p>This App registration has expired; post the manifest again.</p>');
  const name = (form.get('name') ?? '').trim();
  if (name === '' || name.length > 34) return confirmPage(state, id, 'Name must be 1 to 34 characters');
  if (appNameTaken(state, name)) return confirmPage(state, id, 'Name is already in use');
  state.pendingManifests.delete(id);
  const { app, code } = createAppFromManifest(state, pending, name);
  if (pending.manifest.redirectUrl === undefined)
    return html(201, `${app.manifest.name} was created`, `<p>App id <span id="app-id">${app.id}</span></p>`);
  const target = new URL(pending.manifest.redirectUrl);
  target.searchParams.set('code', code);
  if (pending.state !== undefined) target.searchParams.set('state', pending.state);
  return { status: 302, headers: { location: target.toString() } };
}
