/**
 * How a client reaches one Unkey server with rootguard's own responder key: shared by the
 * published client, the upcoming client and capability detection.
 */
export interface UnkeyTransport {
  readonly baseUrl: string;
  /** Read per request, so the plaintext never sits in a client's options. */
  readonly rootKey: { reveal(): string };
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly now: () => number;
}
