import pino from 'pino';

/** An event as Octokit attaches it to a webhook's error: its payload is the whole delivery. */
interface AttachedEvent {
  readonly id?: unknown;
  readonly name?: unknown;
}

/** Keeps an attached event's id and name, never its payload or signature. */
function eventRef(event: unknown): { id?: unknown; name?: unknown } | undefined {
  if (event === null || typeof event !== 'object') return undefined;
  const { id, name } = event as AttachedEvent;
  return { id, name };
}

/**
 * pino's error serializer, without the delivery Octokit attaches to a webhook's error (`event`,
 * also on each of an `AggregateError`'s errors): the receiver's log (Probot's error handler and
 * Octokit's middleware log every failed delivery) names the delivery by id and event, and never
 * copies its payload, which may be megabytes and is the sender's text.
 */
export function serializeWebhookError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (serialized === null || typeof serialized !== 'object') return serialized;
  const strip = (entry: Record<string, unknown>): Record<string, unknown> => {
    if (!('event' in entry)) return entry;
    const { event, ...rest } = entry;
    const ref = eventRef(event);
    return ref ? { ...rest, event: ref } : rest;
  };
  const out = strip(serialized);
  if (Array.isArray(out['aggregateErrors']))
    out['aggregateErrors'] = (out['aggregateErrors'] as Record<string, unknown>[]).map((entry) =>
      entry !== null && typeof entry === 'object' ? strip(entry) : entry,
    );
  return out;
}
