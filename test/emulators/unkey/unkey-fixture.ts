// Helpers for the Unkey emulator tests: a POST to an operation with a bearer key.
import type { UnkeyEmulator } from '../../../emulators/unkey/unkey-emulator.js';

/** Every permission the emulator knows, in tuple form. */
export const ADMIN = ['*'];

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read the JSON freely
  body: any;
  headers: Headers;
}

/** `POST /v2/<op>` with `Authorization: Bearer <key>`. */
export async function call(
  emulator: UnkeyEmulator,
  op: string,
  key: string,
  body?: unknown,
): Promise<Answer> {
  const res = await fetch(`${emulator.url}/v2/${op}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 10, 27, 12)): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}
