import { describe, expect, it } from 'vitest';
import { KeyGenerator } from '../support/keygen.js';
import { makeTree, runRootguard } from './harness.js';

const INCIDENT = 'inc_AAAAAAAAAAAAAAAAAAAAAA';

describe('rootguard deliver', () => {
  it('needs an incident id', async () => {
    const run = await runRootguard(['deliver', '--incident', 'nope'], { cwd: makeTree() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--incident must be an incident id');
  });

  it('refuses stdin without exactly one root key, before touching anything, and never echoes it', async () => {
    const gen = new KeyGenerator(641);
    const none = await runRootguard(['deliver', '--incident', INCIDENT], {
      cwd: makeTree(),
      stdin: ['hello\n'],
    });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('stdin holds no Unkey root key');
    const [a, b] = [gen.rootKey(), gen.rootKey()];
    const two = await runRootguard(['deliver', '--incident', INCIDENT], {
      cwd: makeTree(),
      stdin: [`${a}\n${b}\n`],
    });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('more than one root key');
    expect(two.stderr + two.stdout).not.toContain(a.slice(8, -4));
  });
});
