import examples from '@octokit/webhooks-examples';
import { describe, expect, it } from 'vitest';
import { WebhookInputError } from '../../src/app/errors.js';
import { checkEventName, checkPayload, PAYLOAD_SCHEMAS } from '../../src/app/payload-schema.js';
import { webhookExample } from '../support/webhook-examples.js';

function refusal(run: () => void): WebhookInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookInputError);
    return error as WebhookInputError;
  }
  throw new Error('expected a WebhookInputError');
}

describe('checkPayload', () => {
  it('accepts every payload GitHub sent in @octokit/webhooks-examples for the events rootguard handles', () => {
    const all = examples as unknown as { name: string; examples: Record<string, unknown>[] }[];
    let checked = 0;
    for (const event of Object.keys(PAYLOAD_SCHEMAS)) {
      // Examples of events sent to an App carry `installation`; others lack it (jobBase says so).
      for (const payload of all.find((e) => e.name === event)?.examples ?? []) {
        expect(() => checkPayload(event, payload), `${event}.${String(payload.action)}`).not.toThrow();
        expect(() => checkEventName(event, payload)).not.toThrow();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('names the field and the expected type of a wrong-typed field, never its value', () => {
    const payload = webhookExample('push');
    payload.repository.private = 'nope-7c2e';
    payload.after = 12;
    const error = refusal(() => checkPayload('push', payload));
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      'the push payload has a wrong or missing field: repository.private (expected boolean), after (expected string).',
    );
    expect(error.message).not.toContain('nope-7c2e');
  });

  it('names a missing nested field', () => {
    const payload = webhookExample('pull_request', 'opened');
    delete payload.pull_request.head;
    expect(refusal(() => checkPayload('pull_request', payload)).message).toContain(
      'pull_request.head (expected object)',
    );
  });
});

describe('checkEventName', () => {
  it('refuses an event or an action GitHub never sends', () => {
    expect(refusal(() => checkEventName('push', { action: 'explode' })).message).toBe(
      'the push payload has an action GitHub does not send.',
    );
    expect(refusal(() => checkEventName('pull_request', { action: 'explode' })).status).toBe(400);
    expect(refusal(() => checkEventName('pull_request', { action: 7 })).status).toBe(400);
    expect(refusal(() => checkEventName('no_such_event', {})).message).toBe(
      'the event name is not one GitHub sends.',
    );
  });

  it('lets through actions rootguard ignores but GitHub sends', () => {
    expect(() => checkEventName('pull_request', { action: 'closed' })).not.toThrow();
    expect(() => checkEventName('ping', {})).not.toThrow();
  });
});
