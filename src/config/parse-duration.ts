const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** One or more `<integer><unit>` groups, largest first by convention: `90s`, `1h30m`, `2d`. */
const DURATION = /^(?:[0-9]{1,9}(?:ms|s|m|h|d))+$/;
const GROUP = /([0-9]{1,9})(ms|s|m|h|d)/g;

/**
 * Parses a duration such as `30m`, `2m`, `24h`, `1h30m` or `500ms` into milliseconds. Units: `ms`,
 * `s`, `m`, `h`, `d`. `undefined` when the text is not such a duration: a bare number has no unit
 * (is `30` seconds or minutes?), so it is refused rather than guessed.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DURATION.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(GROUP)) total += Number(amount) * (UNIT_MS[unit!] ?? NaN);
  return Number.isSafeInteger(total) ? total : undefined;
}
