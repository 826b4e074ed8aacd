/** Who the app is on GitHub, so that its own events don't loop back into scans. */
export interface AppIdentity {
  /** The GitHub App's id (`APP_ID`): check runs and suites it owns carry it. */
  readonly appId: number;
  /** The app's bot login (`<slug>[bot]`), when known: pushes it makes are not scanned. */
  readonly botLogin?: string;
}

/** The minimum of a webhook's `sender` this module reads. */
export interface WebhookSender {
  readonly login: string;
  readonly type?: string;
}

/** True when the event was caused by this app itself (its bot user). */
export function isOwnSender(sender: WebhookSender | undefined | null, identity: AppIdentity): boolean {
  return (
    sender !== undefined &&
    sender !== null &&
    identity.botLogin !== undefined &&
    sender.login === identity.botLogin
  );
}
