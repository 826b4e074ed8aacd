// The setup's HTML pages: small, no external resources; the only script is the auto-submit of
// the manifest form (its nonce is in the page's Content-Security-Policy).

/** A page and the one script nonce its CSP allows. */
export interface SetupPage {
  readonly status: number;
  readonly html: string;
  /** Origins forms may post to besides the page's own (GitHub's, for the manifest). */
  readonly formTargets: readonly string[];
  readonly scriptNonce?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string, nonce?: string, script?: string): string {
  const tail =
    nonce === undefined || script === undefined ? '' : `<script nonce="${nonce}">${script}</script>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
label{display:block;margin:1rem 0}input{display:block;width:100%;font:inherit;padding:.3rem}
button{font:inherit;padding:.4rem 1rem}.error{color:#b00}code{word-break:break-all}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}${tail}</body></html>`;
}

/** What the form shows, and the error of a refused post. */
export interface SetupFormValues {
  readonly name: string;
  readonly webhookUrl: string;
  readonly org: string;
  readonly formToken: string;
  readonly githubWebUrl: string;
  readonly error?: string;
}

/** The first page: the App's name, the webhook URL and the owner, then "Register on GitHub". */
export function setupFormPage(values: SetupFormValues): SetupPage {
  const error =
    values.error === undefined
      ? ''
      : `<p class="error" role="alert" id="error">${escapeHtml(values.error)}</p>`;
  return {
    status: values.error === undefined ? 200 : 400,
    formTargets: [],
    html: layout(
      'Register rootguard as a GitHub App',
      `${error}<p>GitHub (<code>${escapeHtml(values.githubWebUrl)}</code>) creates the App from rootguard's
<code>app.yml</code> (its permissions and events); this computer then receives its id and credentials
and writes them to the <code>.env</code> file. Nothing is sent anywhere else.</p>
<form method="post" action="/manifest">
<input type="hidden" name="form_token" value="${values.formToken}">
<label>App name (unique on GitHub)<input name="name" id="name" required maxlength="34" value="${escapeHtml(values.name)}"></label>
<label>Webhook URL: your deployment's <code>https://…/api/github/webhooks</code>, or a webhook proxy channel such as <code>https://smee.io/…</code> to try it from this computer
<input name="webhook_url" id="webhook_url" type="url" required value="${escapeHtml(values.webhookUrl)}"></label>
<label>Organization (empty: your own account)<input name="org" id="org" value="${escapeHtml(values.org)}"></label>
<button type="submit" id="register">Register on GitHub</button>
</form>`,
    ),
  };
}

/** The page that posts the manifest to GitHub (at once with scripts, by its button without). */
export function postManifestPage(action: string, manifestJson: string, nonce: string): SetupPage {
  return {
    status: 200,
    formTargets: [new URL(action).origin],
    scriptNonce: nonce,
    html: layout(
      'Continue on GitHub',
      `<p>Sending the App's manifest to GitHub; there, check it and click "Create GitHub App".</p>
<form method="post" action="${escapeHtml(action)}" id="manifest-form">
<input type="hidden" name="manifest" value="${escapeHtml(manifestJson)}">
<button type="submit">Continue on GitHub</button>
</form>`,
      nonce,
      "document.getElementById('manifest-form').submit();",
    ),
  };
}

/** The last page: what was written where, and how to install the App. Never a secret. */
export function setupDonePage(done: {
  name: string;
  id: number;
  htmlUrl: string;
  envPath: string;
}): SetupPage {
  return {
    status: 200,
    formTargets: [],
    html: layout(
      'rootguard is registered',
      `<p id="done">GitHub created the App <strong>${escapeHtml(done.name)}</strong> (id <span id="app-id">${done.id}</span>).
Its id, private key, webhook secret, slug and OAuth client were written to <code>${escapeHtml(done.envPath)}</code>
(readable by you alone). You can close this page.</p>
<p>Next: <a id="install" href="${escapeHtml(`${done.htmlUrl}/installations/new`)}">install the App</a> on the
repositories to watch, and start <code>rootguard serve</code>.</p>`,
    ),
  };
}

/** A refusal or a failure, with the way back to the start. */
export function setupErrorPage(status: number, message: string): SetupPage {
  return {
    status,
    formTargets: [],
    html: layout(
      'rootguard setup stopped',
      `<p class="error" role="alert" id="error">${escapeHtml(message)}</p><p><a href="/">Start again</a></p>`,
    ),
  };
}
