// Validates SARIF logs against the SARIF 2.1.0 JSON schema (rtm.5, the final OASIS schema, as
// shipped by @microsoft/jest-sarif). The schema is draft-04, hence ajv-draft-04.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';

const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;

const ajv = new AjvDraft04.default({
  allErrors: true,
  strict: false,
  // The schema's language-tag pattern is not valid with the `u` flag.
  unicodeRegExp: false,
  formats: {
    uri: (value: string) => URL.canParse(value),
    'uri-reference': (value: string) => URL.canParse(value, 'file:///'),
    'date-time': (value: string) => !Number.isNaN(Date.parse(value)),
  },
});
const validate = ajv.compile(schema);

/** The schema violations of a SARIF log, as `path: message` lines (empty when valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath}: ${error.message ?? ''}`);
}
