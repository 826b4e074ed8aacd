/** The length of an incident id's hash part: 22 base64url characters, 132 bits of the fingerprint. */
const ID_HASH_CHARS = 22;
const FINGERPRINT = /^[A-Za-z0-9+/]{43}=$/;

/**
 * The incident id of a key: `inc_` + the first 22 base64url characters of its fingerprint's
 * bytes. Stable (the same key always gives the same incident) and a valid BullMQ job id (no `:`,
 * not an integer). The fingerprint is a hash, so the id reveals nothing about the key.
 */
export function incidentIdFor(fingerprint: string): string {
  if (!FINGERPRINT.test(fingerprint))
    throw new TypeError('incidentIdFor needs a fingerprint: standard base64 of 32 bytes (44 characters).');
  return `inc_${Buffer.from(fingerprint, 'base64').toString('base64url').slice(0, ID_HASH_CHARS)}`;
}
