// A `fetch` for log downloads in tests: serves bodies per link, in small chunks, and records calls.

/** One link's answer: a status, and a body given as chunks (or produced by a generator). */
export interface LinkAnswer {
  readonly status: number;
  readonly chunks?: Iterable<Uint8Array>;
}

/** Cuts `bytes` into chunks of `size` bytes (so timestamps and keys straddle chunk boundaries). */
export function* chunksOf(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

export function logFetch(answers: Readonly<Record<string, LinkAnswer>>) {
  const calls: string[] = [];
  let pulled = 0;
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input);
    calls.push(url);
    const answer = answers[url];
    if (!answer) return new Response('no such link', { status: 404 });
    if (answer.status !== 200) return new Response('AuthenticationFailed', { status: answer.status });
    const iterator = (answer.chunks ?? [])[Symbol.iterator]();
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = iterator.next();
        if (next.done) controller.close();
        else {
          pulled += next.value.length;
          controller.enqueue(next.value);
        }
      },
    });
    return new Response(body, { status: 200 });
  }) as typeof globalThis.fetch;
  return { fetch, calls, pulled: () => pulled };
}
