/**
 * A refused value, described without any of its characters: a secret pasted into the wrong
 * variable (a root key in `APP_ID`) must not reach the logs. The length is enough to spot an
 * empty or pasted-blob value.
 */
export function describeValue(value: string): string {
  return `the value set (${value.length} characters) is not one`;
}
