import { request } from 'node:http';

/** What a receiver answered to a raw request. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** A POST whose body the test writes piece by piece (or never finishes). */
export interface RawPost {
  /** The answer, as soon as the server sends it (even before the body is all written). */
  readonly answer: Promise<RawAnswer>;
  write(chunk: Buffer | string): void;
  end(chunk?: Buffer | string): void;
  /** Drops the connection. */
  destroy(): void;
}

/**
 * Opens a POST to `url` with the given headers and `Content-Length`, and nothing of the body yet:
 * for tests of what a receiver answers before (or without) reading a body.
 */
export function openRawPost(
  url: string,
  headers: Readonly<Record<string, string>>,
  contentLength: number,
): RawPost {
  const req = request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, 'content-length': String(contentLength) },
    // One socket per request: parallel posts must be parallel on the wire.
    agent: false,
  });
  let destroyed = false;
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    // The server may close the socket while the body is still being written: the answer decides.
    req.on('error', (error) => {
      if (!destroyed) setTimeout(() => reject(error), 50);
    });
  });
  req.flushHeaders();
  return {
    answer,
    write: (chunk) => void req.write(chunk),
    end: (chunk) => void req.end(chunk),
    destroy: () => {
      destroyed = true;
      req.destroy();
    },
  };
}
