import { describe, expect, it } from 'vitest';
import { CliError, toCliError } from '../../src/cli/errors.js';
import { ConfigError } from '../../src/config/errors.js';
import { SourceError } from '../../src/sources/errors.js';

describe('toCliError', () => {
  it("keeps the code and message of a source's or config's error, with the original as cause", () => {
    const source = new SourceError('bad-range', "bad git range 'x..y': unknown revision");
    expect(toCliError(source)).toMatchObject({
      name: 'CliError',
      code: 'bad-range',
      message: source.message,
    });
    expect(toCliError(source)?.cause).toBe(source);
    const config = new ConfigError('config-invalid', '--baseline', 'malformed baseline b.json: not JSON');
    expect(toCliError(config)).toMatchObject({ code: 'config-invalid', message: config.message });
  });

  it("passes the CLI's own errors through and leaves anything else to be reported as a bug", () => {
    const own = new CliError('bad-option', '--incident must be an incident id');
    expect(toCliError(own)).toBe(own);
    expect(toCliError(new TypeError('x is undefined'))).toBeUndefined();
    expect(toCliError('a string')).toBeUndefined();
  });
});
