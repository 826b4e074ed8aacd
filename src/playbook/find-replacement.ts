import type { RootKeyInfo } from '../unkey/upcoming-client.js';
import type { UnkeyClient } from '../unkey/unkey-client.js';

/** Clock difference tolerated between rootguard and Unkey when matching creation times. */
export const CLOCK_SKEW_MS = 60_000;

/** What Unkey's root key list says about a reroll whose answer was lost. */
export interface ReplacementSearch {
  /** The original key is still listed and not expired: the reroll never took effect. */
  readonly originalAlive: boolean;
  /**
   * Keys with the original's name created since the reroll was asked for and still valid, newest
   * first (an orphan revoked by an earlier recovery is expired, so it is not counted again).
   */
  readonly replacements: readonly RootKeyInfo[];
}

/**
 * Finds the result of a reroll whose answer never arrived (listKeys by name and creation time),
 * so a retry never blindly creates a second replacement.
 */
export async function findReplacement(
  unkey: UnkeyClient,
  original: { readonly keyId: string; readonly name: string | null | undefined },
  requestedAt: number,
  now: number,
): Promise<ReplacementSearch> {
  const keys = await unkey.listRootKeys();
  const listed = keys.find((k) => k.keyId === original.keyId);
  const originalAlive = listed !== undefined && (listed.expires === null || listed.expires > now);
  const replacements = keys
    .filter(
      (k) =>
        k.keyId !== original.keyId &&
        (k.name ?? null) === (original.name ?? null) &&
        k.createdAt >= requestedAt - CLOCK_SKEW_MS &&
        (k.expires === null || k.expires > now),
    )
    .sort((a, b) => b.createdAt - a.createdAt);
  return { originalAlive, replacements };
}
