import examples from '@octokit/webhooks-examples';

type Payload = Record<string, unknown> & { action?: string };

/**
 * A deep copy of the first `@octokit/webhooks-examples` payload of `event` (with `action`, when
 * given): real payloads GitHub sent, for tests of our handlers.
 */
// The examples are untyped JSON handed to typed handlers: `any` lets each test read what it needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function webhookExample<T = any>(event: string, action?: string): T {
  const entry = (examples as unknown as { name: string; examples: Payload[] }[]).find(
    (e) => e.name === event,
  );
  const payload = entry?.examples.find((p) => action === undefined || p.action === action);
  if (payload === undefined)
    throw new Error(`no webhooks-examples payload for ${event}${action ? `.${action}` : ''}`);
  return structuredClone(payload) as T;
}
