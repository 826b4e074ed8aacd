import { createDetector, type Detector } from '../detect/create-detector.js';
import { maskKey } from '../detect/mask.js';
import { maskDetectedKeys } from './mask-detected-keys.js';

const REDACTED = '[redacted]';

// Deliberately broader than the detector's rules: a log line is masked on shape alone, with no
// left boundary (in a JSON line a key may follow an escaped `\n`, so it touches an `n`), and any
// `unkey_` + 8 alphanumerics counts, current or v1 format. Masking too much is harmless here.
const UNKEY_KEY = /unkey_[A-Za-z0-9]{8,}/g;
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g;
// A PEM private key block, closed or cut short (then up to the end of its base64 text, whose line
// breaks may be JSON escapes; no other backslash is taken, so a JSON line stays valid).
const PEM_BLOCK =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----|(?:[A-Za-z0-9+/=\s]|\\[nr])*)/g;
// The password of a URL's user info (`redis://user:password@host`).
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"']*:)[^\s@/"']+@/gi;
const BEARER = /\b(Bearer|token)\s+[A-Za-z0-9._~+/-]{16,}=*/g;

let rootKeyDetector: Detector | undefined;

/** The detector with the root key rules only, made on first use. */
export function defaultMaskDetector(): Detector {
  rootKeyDetector ??= createDetector();
  return rootKeyDetector;
}

/**
 * Masks everything shaped like a credential in a text. First every key `detector` finds, in any
 * form its decoders read (base64, percent-encoding, escapes): the encoded text becomes the key's
 * mask. Then, on shape alone, Unkey keys become `unkey_3Z…` + their last 4 characters, GitHub
 * tokens, PEM private keys, bearer tokens and URL passwords become `[redacted]`. Used on every
 * log line and on error messages before they reach BullMQ and Redis.
 * @param detector the rules to mask (a logger passes one with the operator's API key prefixes).
 * @defaultValue root keys only
 */
export function maskSecrets(text: string, detector: Detector = defaultMaskDetector()): string {
  return maskDetectedKeys(detector, text)
    .replace(PEM_BLOCK, REDACTED)
    .replace(UNKEY_KEY, (key) => maskKey(key))
    .replace(GITHUB_TOKEN, REDACTED)
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(URL_PASSWORD, (_m, head: string) => `${head}${REDACTED}@`);
}
