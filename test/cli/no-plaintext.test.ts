import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import { KeyGenerator } from '../support/keygen.js';
import { TestRepo } from './git-repo.js';
import { runRootguard } from './harness.js';

describe('no plaintext key in any output', () => {
  it('prints only masked keys and fingerprints, in every format and mode, and in the baseline', async () => {
    const gen = new KeyGenerator(71);
    const keys = [gen.rootKey(), gen.rootKey(), gen.rootKey()];
    const repo = new TestRepo();
    repo.write({ 'a.env': `A=${keys[0]}\n`, 'b/c.ts': `const k = "${keys[1]}";\n// ${keys[2]}\n` });
    repo.commit('keys', { name: 'A', email: 'a@example.com', date: '2024-01-01T00:00:00Z' });
    const outputs: string[] = [];
    for (const mode of [[], ['--git']]) {
      for (const format of ['text', 'json', 'sarif']) {
        const run = await runRootguard(
          ['scan', ...mode, '--format', format, '--write-baseline', 'base.json'],
          {
            cwd: repo.root,
            env: repo.env,
          },
        );
        expect(run.code).toBe(1);
        outputs.push(run.stdout, run.stderr, readFileSync(join(repo.root, 'base.json'), 'utf8'));
      }
    }
    const all = outputs.join('\n');
    for (const key of keys) {
      expect(all).toContain(maskKey(key));
      expect(all).not.toContain(key);
      // Nor any long piece of it (the mask shows 8 + 4 characters).
      expect(all).not.toContain(key.slice(8, 26));
    }
  });
});
