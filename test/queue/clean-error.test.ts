import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/detect/mask.js';
import { cleanError } from '../../src/queue/clean-error.js';
import { KeyGenerator } from '../support/keygen.js';

describe('cleanError', () => {
  it('masks a key in the message and the stack, and keeps name, code and status', () => {
    const key = new KeyGenerator(901).rootKey();
    const source = Object.assign(new TypeError(`bad bearer ${key}`), { code: 'x-code', status: 401 });
    const cleaned = cleanError(source);
    expect(cleaned.message).toBe(`bad bearer ${maskKey(key)}`);
    expect(cleaned.stack).not.toContain(key);
    expect(cleaned.stack).toContain(maskKey(key));
    expect(cleaned).toMatchObject({ name: 'TypeError', code: 'x-code', status: 401 });
    expect(cleanError(`thrown ${key}`).message).toBe(`thrown ${maskKey(key)}`);
  });
});
