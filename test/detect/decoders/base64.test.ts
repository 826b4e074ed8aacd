import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../src/detect/create-detector.js';
import { base64, base64url, foundKey, scanText } from '../../support/detect-helpers.js';
import { KeyGenerator } from '../../support/keygen.js';

const detector = createDetector();
const gen = new KeyGenerator(21);

describe('base64 decoder', () => {
  it('finds a key at each of the three alignments, reporting the start of the run', () => {
    for (let i = 0; i < 60; i++) {
      const key = i % 3 === 0 ? gen.rootKeyV1() : gen.rootKey();
      for (const before of ['', 'K=', 'KEY=', 'export ROOT_KEY="', '{"k": "']) {
        for (const after of ['', '\n', '"}']) {
          const text = `data: ${base64(before + key + after)} end`;
          const findings = scanText(text, detector);
          expect(findings).toHaveLength(1);
          expect(findings[0]).toMatchObject({ line: 1, column: 7, decodedFrom: ['base64'] });
          expect(foundKey(findings, key)).toHaveLength(1);
        }
      }
    }
  });

  it('finds a key deep inside a long base64 line, decoding only a window', () => {
    const key = gen.rootKey();
    const prefix = Buffer.from(gen.bytes(300_000)).toString('latin1');
    const encoded = Buffer.from(`${prefix}\n${key}\n`, 'latin1').toString('base64');
    const findings = scanText(`blob ${encoded}\n`, detector);
    expect(foundKey(findings, key)).toHaveLength(1);
    // The run starts 400 KB back: the column is that of a 4-character group within the window.
    expect(findings[0]?.column).toBeGreaterThan(encoded.length - 2048);
    expect((findings[0]!.column - 6) % 4).toBe(0);
  });

  it('finds URL-safe base64 and labels it base64url', () => {
    let urlSafe = 0;
    for (let i = 0; i < 300; i++) {
      const key = gen.rootKey();
      const payload = `${Buffer.from(gen.bytes(gen.int(0, 8))).toString('latin1')} ${key}`;
      const encoded = Buffer.from(payload, 'latin1').toString('base64url');
      const findings = scanText(`token=${encoded}&x=1`, detector);
      expect(foundKey(findings, key)).toHaveLength(1);
      if (/[-_]/.test(encoded)) {
        urlSafe++;
        expect(findings[0]?.decodedFrom).toEqual(['base64url']);
      }
    }
    expect(urlSafe).toBeGreaterThan(20);
  });

  it('ignores base64 of a glued key, of a near miss, and of a key cut short', () => {
    const key = gen.rootKey();
    expect(scanText(base64(`my${key}`), detector)).toEqual([]);
    expect(scanText(base64(key.slice(0, -1)), detector)).toEqual([]);
    expect(scanText(base64(`${key}x`), detector)).toEqual([]);
    expect(scanText(base64(key).slice(0, 30), detector)).toEqual([]);
  });

  it('finds keys in a base64-encoded .env file and in a Kubernetes Secret', () => {
    const root = gen.rootKey();
    const v1 = gen.rootKeyV1();
    const env = `# prod\nDATABASE_URL=postgres://db\nUNKEY_ROOT_KEY=${root}\nNEXT=${v1}\n`;
    const findings = scanText(`env: ${base64(env)}\n`, detector);
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['unkey-root-key', 'unkey-root-key-v1']);
    const secret = [
      'apiVersion: v1',
      'kind: Secret',
      'data:',
      `  UNKEY_ROOT_KEY: ${base64(root)}`,
      `  OTHER: ${base64('hello')}`,
    ].join('\n');
    expect(scanText(secret, detector)).toEqual([
      expect.objectContaining({ line: 4, column: 19, decodedFrom: ['base64'] }),
    ]);
  });
});

describe('nested base64', () => {
  it('finds a key in a docker auth (base64 in JSON) inside base64, at every alignment', () => {
    for (let i = 0; i < 60; i++) {
      const key = gen.rootKey();
      const auth = base64(`${'u'.repeat(gen.int(1, 6))}:${key}`);
      const config = JSON.stringify({
        auths: { 'registry.example': { auth } },
        pad: 'x'.repeat(gen.int(0, 5)),
      });
      for (const encode of [base64, base64url]) {
        const findings = scanText(`  .dockerconfigjson: ${encode(config)}\n`, detector);
        expect(foundKey(findings, key)).toHaveLength(1);
        expect(findings[0]).toMatchObject({ line: 1, column: 22 });
        expect(findings[0]?.decodedFrom?.[1]).toBe('base64');
      }
    }
  });

  it('finds base64 of base64 of a key', () => {
    for (let i = 0; i < 30; i++) {
      const key = gen.rootKeyV1();
      const text = ` ${base64(`${'a'.repeat(i % 3)}=${base64(key)}`)} `;
      expect(scanText(text, detector)).toEqual([
        expect.objectContaining({ ruleId: 'unkey-root-key-v1', decodedFrom: ['base64', 'base64'] }),
      ]);
    }
  });

  it('stops at depth 2: base64 three times is not decoded', () => {
    const key = gen.rootKey();
    expect(scanText(base64(base64(base64(key))), detector)).toEqual([]);
  });
});
