/**
 * Wraps `fetch` so no redirect is followed: a 3xx comes back as the answer, which the adapter
 * turns into a final error. Following one would send the request again, body and responder key
 * included, to wherever the `Location` points (another host, or plain http).
 */
export function refuseRedirects(fetchImpl: typeof fetch): typeof fetch {
  return (input, init) => fetchImpl(input, { ...init, redirect: 'manual' });
}
