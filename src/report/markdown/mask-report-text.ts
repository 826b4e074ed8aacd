import { maskKey } from '../../detect/mask.js';
import { maskDetectedKeys } from '../../log/mask-detected-keys.js';
import { defaultMaskDetector } from '../../log/mask-secrets.js';
import { clipText } from './fit-lines.js';

// `unkey_` is assembled so that this file holds nothing the repository scan could mistake for a key.
const KEY_SHAPED = new RegExp(`${['un', 'key'].join('')}_[A-Za-z0-9]{8,}`, 'g');

/**
 * The last gate of every string the report renderers produce: every root key the detector finds,
 * also base64-, percent- or escape-encoded (the encoded text is replaced whole), and anything
 * shaped like an Unkey root key (`unkey_` + 8 or more letters or digits) becomes its masked form.
 * Findings already carry only masked keys; this catches a key that reached a path, a job name or
 * a config message. The masked form is never longer than what it replaces, so length limits
 * checked before masking still hold after it; JSON text stays valid JSON.
 */
export function maskReportText(text: string): string {
  return maskDetectedKeys(defaultMaskDetector(), text).replace(KEY_SHAPED, (match) => maskKey(match));
}

/**
 * `text` masked, then cut to `max` characters with `…`. Masking first matters: a cut through a
 * key could leave a piece too short for the mask to recognise.
 */
export function clipMasked(text: string, max: number): string {
  return clipText(maskReportText(text), max);
}
